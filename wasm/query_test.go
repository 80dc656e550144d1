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

// TestQueryParamsWritable_A14: set, delete, clear and replace-all write the page URL's query
// string, and the same run reads back what it wrote.
func TestQueryParamsWritable_A14(t *testing.T) {
	step := wasm.NewState("step", "")
	at := wasmtest.New(t, func(st *wasm.Session) {
		switch step.Get(st) {
		case "set":
			st.SetQueryParam("city", "Lyon")
			st.SetQueryParam("tag", "a b", "c&d") // a list: tag=a+b&tag=c%26d
		case "delete":
			st.DeleteQueryParam("tag")
			st.DeleteQueryParam("missing")
		case "replace":
			st.SetQueryParams(url.Values{"page": {"2"}})
		case "clear":
			st.ClearQueryParams()
		}
		st.Text("seen=" + st.QueryParams().Encode()) // read back in the same run
		for _, s := range []string{"set", "delete", "replace", "clear"} {
			if st.Button(s) {
				step.Set(st, s)
				st.Rerun()
			}
		}
	})
	for _, tt := range []struct {
		step string
		want url.Values
	}{
		{"set", url.Values{"city": {"Lyon"}, "tag": {"a b", "c&d"}}},
		{"delete", url.Values{"city": {"Lyon"}}},
		{"replace", url.Values{"page": {"2"}}},
		{"clear", url.Values{}},
	} {
		at.Click(tt.step)
		if got := at.QueryParams(); !reflect.DeepEqual(got, tt.want) {
			t.Fatalf("after %s, the page's query params = %#v, want %#v", tt.step, got, tt.want)
		}
		wantTexts(t, at, "seen="+tt.want.Encode())
	}
}

// TestQueryParamsSetFromTheTest_A14: a test sets the page's query params, as a visitor editing the
// address bar does; the app reads them on its next run.
func TestQueryParamsSetFromTheTest_A14(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Text("tab=" + st.QueryParams().Get("tab"))
	})
	wantTexts(t, at, "tab=")
	at.SetQueryParams(url.Values{"tab": {"charts"}})
	at.Rerun()
	wantTexts(t, at, "tab=charts")
}

// TestQueryParamsWriteKeepsNothingShared_A14: a write changes nothing a caller holds.
func TestQueryParamsWriteKeepsNothingShared_A14(t *testing.T) {
	var held url.Values
	at := wasmtest.New(t, func(st *wasm.Session) {
		v := url.Values{"a": {"1"}}
		st.SetQueryParams(v)
		v.Set("a", "changed")
		held = st.QueryParams()
		st.SetQueryParam("b", "2")
	})
	if want := (url.Values{"a": {"1"}}); !reflect.DeepEqual(held, want) {
		t.Fatalf("QueryParams() held = %#v, want %#v", held, want)
	}
	if want := (url.Values{"a": {"1"}, "b": {"2"}}); !reflect.DeepEqual(at.QueryParams(), want) {
		t.Fatalf("page query params = %#v, want %#v", at.QueryParams(), want)
	}
}
