package wasm_test

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

func TestQueryParams(t *testing.T) {
	tests := []struct {
		search string
		want   url.Values
	}{
		{"", url.Values{}},
		{"?", url.Values{}},
		{"?name=Ada&n=1&n=2", url.Values{"name": {"Ada"}, "n": {"1", "2"}}},
		{"name=Ada", url.Values{"name": {"Ada"}}}, // without the '?'
		{"?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", url.Values{"q": {"<script>alert(1)</script>"}}},
		{"?a+b=c+d&e=%20", url.Values{"a b": {"c d"}, "e": {" "}}},
		{"?flag", url.Values{"flag": {""}}},
		{"?bad=%zz&good=1", url.Values{"good": {"1"}}}, // a pair that does not decode is left out
		{"?x=1;y=2&z=3", url.Values{"z": {"3"}}},       // so is one with a semicolon
		{"?u=%E2%80%A8%00", url.Values{"u": {"\u2028\x00"}}},
	}
	for _, tt := range tests {
		t.Run(tt.search, func(t *testing.T) {
			defer wasm.SetLocationSearch(tt.search)()
			var got url.Values
			wasmtest.New(t, func(st *wasm.Session) { got = st.QueryParams() })
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("QueryParams() with location.search %q = %#v, want %#v", tt.search, got, tt.want)
			}
		})
	}
}

// TestQueryParamsReadOnly: changing the returned values changes nothing the next call sees.
func TestQueryParamsReadOnly(t *testing.T) {
	defer wasm.SetLocationSearch("?name=Ada")()
	var first, second url.Values
	wasmtest.New(t, func(st *wasm.Session) {
		first = st.QueryParams()
		first.Set("name", "Mallory")
		first.Add("admin", "1")
		second = st.QueryParams()
	})
	if want := (url.Values{"name": {"Ada"}}); !reflect.DeepEqual(second, want) {
		t.Fatalf("after changing the first result, QueryParams() = %#v, want %#v", second, want)
	}
}

// TestQueryParamsDrawnAsText: a parameter drawn by an app reaches the page as the plain text it
// decoded to (the host shows it with textContent; playwright/xss.spec.ts checks the page).
func TestQueryParamsDrawnAsText(t *testing.T) {
	defer wasm.SetLocationSearch("?q=" + url.QueryEscape(`"><img src=x onerror=alert(1)>`))()
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Text("q=" + st.QueryParams().Get("q"))
	})
	texts := at.Find("stText")
	if len(texts) != 1 || !strings.Contains(texts[0].Str("text"), `q="><img src=x onerror=alert(1)>`) {
		t.Fatalf("stText elements = %v, want one holding the decoded parameter", texts)
	}
}
