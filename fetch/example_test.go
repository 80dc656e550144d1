//go:build !js

package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/wasmlit/wasmlit/fetch"
)

func ExampleGet() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/data.csv" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, "a,b\n1,2\n")
	}))
	defer srv.Close()

	b, err := fetch.Get(context.Background(), srv.URL+"/data.csv",
		fetch.OnProgress(func(done, total int64) { fmt.Printf("%d of %d bytes\n", done, total) }))
	fmt.Printf("%q %v\n", b, err)

	_, err = fetch.Get(context.Background(), srv.URL+"/nope.csv")
	var fe *fetch.Error
	if errors.As(err, &fe) {
		fmt.Println("status", fe.Status)
	}
	// Output:
	// 8 of 8 bytes
	// "a,b\n1,2\n" <nil>
	// status 404
}
