package sqlite

import "testing"

func TestErrorWording(t *testing.T) {
	tests := []struct {
		name, op, query, msg, want string
	}{
		{"oo1 message", "query", "SELECT * FROM nowhere", "SQLITE_ERROR: sqlite3 result code 1: no such table: nowhere",
			`sqlite: query "SELECT * FROM nowhere": no such table: nowhere (SQLITE_ERROR)`},
		{"constraint", "exec", "INSERT INTO t VALUES (1)", "SQLITE_CONSTRAINT_UNIQUE: sqlite3 result code 2067: UNIQUE constraint failed: t.id",
			`sqlite: exec "INSERT INTO t VALUES (1)": UNIQUE constraint failed: t.id (SQLITE_CONSTRAINT_UNIQUE)`},
		{"no code", "open", "", "Failed to fetch dynamically imported module",
			`sqlite: open: Failed to fetch dynamically imported module`},
		{"long statement", "query", "SELECT a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t FROM x", "SQLITE_ERROR: boom",
			`sqlite: query "SELECT a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r,…": boom (SQLITE_ERROR)`},
		{"first line", "exec", "CREATE TABLE a (x);\nCREATE TABLE a (x);", "SQLITE_ERROR: sqlite3 result code 1: table a already exists",
			`sqlite: exec "CREATE TABLE a (x);…": table a already exists (SQLITE_ERROR)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := newError(tt.op, tt.query, tt.msg).Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestRows(t *testing.T) {
	r := &Rows{Columns: []Column{
		{Name: "id", Numeric: true, Numbers: []float64{1, 2}},
		{Name: "name", Texts: []string{"a", "b"}},
	}}
	if r.Len() != 2 {
		t.Errorf("Len = %d, want 2", r.Len())
	}
	if c, ok := r.Column("name"); !ok || c.Texts[1] != "b" {
		t.Errorf("Column(name) = %v, %v", c, ok)
	}
	if _, ok := r.Column("nope"); ok {
		t.Error("Column(nope) found a column")
	}
	var none *Rows
	if none.Len() != 0 {
		t.Error("a nil *Rows should have no rows")
	}
}
