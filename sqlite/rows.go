package sqlite

// Rows is the result of a query, column by column, as a data frame holds it. Its fields are
// exported, so a cached function (cache.Data) can return it. The caller owns it.
type Rows struct {
	Columns []Column
}

// Column is one column of Rows. A column whose values are all INTEGER, REAL or NULL is numeric
// and has Numbers (NULL is NaN; integers beyond ±2⁵³ lose precision); any other column has
// Texts (numbers formatted, BLOBs in lower-case hex, NULL as "").
type Column struct {
	Name    string
	Numeric bool
	Numbers []float64
	Texts   []string
}

// Len reports the number of rows.
func (c Column) Len() int {
	if c.Numeric {
		return len(c.Numbers)
	}
	return len(c.Texts)
}

// Len reports the number of rows.
func (r *Rows) Len() int {
	if r == nil || len(r.Columns) == 0 {
		return 0
	}
	return r.Columns[0].Len()
}

// Column returns the column called name and true, or false when there is none.
func (r *Rows) Column(name string) (Column, bool) {
	if r != nil {
		for _, c := range r.Columns {
			if c.Name == name {
				return c, true
			}
		}
	}
	return Column{}, false
}
