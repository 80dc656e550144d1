//go:build !js

// The browser's side of downloads is tested in playwright/hello.spec.ts; this test serves the
// files natively, which a js/wasm test under Node cannot.

package wasm_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

func TestDownloadShowsProgressAndClearError_C2(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/data.bin" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Length", "300000")
		w.Write(make([]byte, 300000))
	}))
	defer srv.Close()
	at := wasmtest.New(t, func(st *wasm.Session) {
		url := st.TextInput("URL", srv.URL+"/data.bin")
		data, err := st.Download(url)
		if err != nil {
			st.Error(err.Error())
			return
		}
		st.Textf("%d bytes", len(data))
	})
	if got := at.Find("stText"); len(got) != 1 || got[0].Label() != "300000 bytes" {
		t.Fatalf("download: %s", at.Root())
	}
	if n := len(at.Find("stProgress")); n != 0 {
		t.Fatalf("progress bar left after the download:\n%s", at.Root())
	}
	at.Set("stTextInput", "URL", srv.URL+"/missing.bin")
	alerts := at.Find("stAlert")
	if len(alerts) != 1 || !strings.Contains(alerts[0].Label(), "404") || !strings.Contains(alerts[0].Label(), "check the path") {
		t.Fatalf("missing URL: %s", at.Root())
	}
}
