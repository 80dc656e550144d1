package wasm

// nodeKey identifies an element among its siblings from one run to the next: a widget by its
// identity, any other element by its kind and how many of that kind came before it in the same
// container. So inserting a title above three texts changes none of the texts.
type nodeKey struct {
	kind    string
	ordinal int
	widget  string
}

// node is one element as the session knows it: what the host shows since the last flush, and what
// the current run has emitted. Nodes are owned by the session's run goroutine.
type node struct {
	id     uint32
	key    nodeKey
	kind   string
	parent *node

	// What the host has.
	props    []byte // owned copy of the props last sent
	blobHash uint64 // hash of the blob last sent (0: none)
	created  bool   // the host has the node
	placed   bool   // the node sits in its parent on the host
	stale    bool   // the host shows it as left over from the previous run
	children []*node
	pos      int // index in parent.children

	// What the current run emitted.
	runGen   uint64
	newProps []byte // aliases the session's props arena
	newBlob  []byte
	next     []*node
	ordinals map[string]int
	byKey    map[nodeKey]*node // children: shown ∪ emitted this run
	replace  bool              // st.Empty: each emit replaces the previous one
	mark     uint64            // flush sequence in which the node was last desired

	removedGen uint64 // run in which Session.remove took the node out (a spinner's placeholder)
}

// startRun empties what c holds for this run, when c itself is emitted (or, for a root, when the
// run starts): children it had last run are only reused if the run emits them again.
func (c *node) startRun(gen uint64) {
	c.runGen = gen
	c.next = c.next[:0]
	if c.ordinals != nil {
		clear(c.ordinals)
	}
}

// prepare readies c to take children.
func (c *node) prepare() {
	if c.ordinals == nil {
		c.ordinals = make(map[string]int)
		c.byKey = make(map[nodeKey]*node)
	}
}

// newRoot returns the node that stands for a block the host made itself (main or sidebar).
func newRoot(id uint32) *node {
	return &node{id: id, kind: "root", created: true, placed: true}
}
