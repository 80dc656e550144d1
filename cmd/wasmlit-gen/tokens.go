package main

import (
	"go/ast"
	"go/scanner"
	"go/token"

	"github.com/zeebo/xxh3"
)

// digest hashes the source of node as a stream of Go tokens, not as bytes:
// comments, spacing, indentation and line breaks that do not end a statement
// drop out, and so do the optional semicolon before a closing bracket and the
// optional comma after the last element of a list. A gofmt run or a comment
// edit therefore keeps the hash; any change of a token, such as an operator, a
// name or a literal's spelling, changes it.
func digest(f *srcFile, node ast.Node) [16]byte {
	src := f.src[f.tok.Offset(node.Pos()):f.tok.Offset(node.End())]
	h := xxh3.New128()
	writeTokens(h, src)
	return h.Sum128().Bytes()
}

type stringWriter interface {
	WriteString(string) (int, error)
}

// writeTokens writes the normalised token stream of src to w, each token
// followed by a NUL byte.
func writeTokens(w stringWriter, src []byte) {
	var s scanner.Scanner
	file := token.NewFileSet().AddFile("", -1, len(src))
	s.Init(file, src, func(token.Position, string) {}, 0)
	// pending holds a semicolon or comma that is dropped if a closing
	// bracket follows it.
	pending := token.ILLEGAL
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			return
		}
		if tok == token.SEMICOLON || tok == token.COMMA {
			if pending != token.ILLEGAL {
				_, _ = w.WriteString(pending.String() + "\x00")
			}
			pending = tok
			continue
		}
		if pending != token.ILLEGAL {
			closing := tok == token.RPAREN || tok == token.RBRACE || tok == token.RBRACK
			if !closing {
				_, _ = w.WriteString(pending.String() + "\x00")
			}
			pending = token.ILLEGAL
		}
		if tok.IsLiteral() {
			_, _ = w.WriteString(lit + "\x00")
		} else {
			_, _ = w.WriteString(tok.String() + "\x00")
		}
	}
}
