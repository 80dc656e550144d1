package htmlrender

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// PreviewRows is how many rows of a dataframe the prerendered page shows: a preview of the
// table the live run draws virtualised, so the page stays small.
const PreviewRows = 20

// dataFrame writes a dataframe's first rows as a plain table inside the dataframe's root, with
// the row count; the live run replaces it with its grid.
func dataFrame(b *bytes.Buffer, n *Node) {
	open(b, n, "div", "wl-df wl-prerender-preview", "")
	rows, names, cells, err := preview(n.Blob, PreviewRows)
	if err != nil || len(names) == 0 {
		b.WriteString("</div>")
		return
	}
	b.WriteString(`<div class="wl-table"><table><thead><tr>`)
	for _, name := range names {
		b.WriteString(`<th scope="col">` + esc(name) + "</th>")
	}
	b.WriteString("</tr></thead><tbody>")
	for _, row := range cells {
		b.WriteString("<tr>")
		for _, c := range row {
			b.WriteString("<td>" + esc(c) + "</td>")
		}
		b.WriteString("</tr>")
	}
	fmt.Fprintf(b, `</tbody></table></div><p class="wl-caption">%d rows</p></div>`, rows)
}

// preview decodes the first max rows of a dataframe blob (docs/PROTOCOL.md, "Dataframe blob").
func preview(blob []byte, max int) (rows int, names []string, cells [][]string, err error) {
	bad := fmt.Errorf("dataframe blob is truncated")
	if len(blob) < 8 {
		return 0, nil, nil, bad
	}
	rows = int(binary.LittleEndian.Uint32(blob))
	ncols := int(binary.LittleEndian.Uint32(blob[4:]))
	show := min(rows, max)
	cells = make([][]string, show)
	for i := range cells {
		cells[i] = make([]string, ncols)
	}
	p := 8
	for c := 0; c < ncols; c++ {
		if p+5 > len(blob) {
			return 0, nil, nil, bad
		}
		typ := blob[p]
		nlen := int(binary.LittleEndian.Uint32(blob[p+1:]))
		p += 5
		if nlen < 0 || p+nlen > len(blob) {
			return 0, nil, nil, bad
		}
		names = append(names, string(blob[p:p+nlen]))
		p += nlen
		p = (p + wire.ColumnAlign - 1) / wire.ColumnAlign * wire.ColumnAlign
		switch typ {
		case wire.ColFloat64:
			if p+rows*8 > len(blob) {
				return 0, nil, nil, bad
			}
			for i := 0; i < show; i++ {
				v := math.Float64frombits(binary.LittleEndian.Uint64(blob[p+i*8:]))
				if !math.IsNaN(v) {
					cells[i][c] = strconv.FormatFloat(v, 'f', -1, 64)
				}
			}
			p += rows * 8
		case wire.ColString:
			offs := p
			if offs+(rows+1)*4 > len(blob) {
				return 0, nil, nil, bad
			}
			data := offs + (rows+1)*4
			end := data + int(binary.LittleEndian.Uint32(blob[offs+rows*4:]))
			if end > len(blob) {
				return 0, nil, nil, bad
			}
			for i := 0; i < show; i++ {
				a := int(binary.LittleEndian.Uint32(blob[offs+i*4:]))
				z := int(binary.LittleEndian.Uint32(blob[offs+(i+1)*4:]))
				if a > z || data+z > end {
					return 0, nil, nil, bad
				}
				cells[i][c] = string(blob[data+a : data+z])
			}
			p = end
		case wire.ColBool:
			if p+rows > len(blob) {
				return 0, nil, nil, bad
			}
			for i := 0; i < show; i++ {
				cells[i][c] = map[byte]string{0: "false", 1: "true"}[blob[p+i]]
			}
			p += rows
		default:
			return 0, nil, nil, fmt.Errorf("dataframe column type %d", typ)
		}
	}
	return rows, names, cells, nil
}
