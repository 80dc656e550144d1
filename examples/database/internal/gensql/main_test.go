package main

import (
	"bytes"
	"os"
	"testing"
)

// TestScriptIsUpToDate checks that static/shop.sql is what the generator writes.
func TestScriptIsUpToDate(t *testing.T) {
	var b bytes.Buffer
	write(&b)
	got, err := os.ReadFile("../../static/shop.sql")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, b.Bytes()) {
		t.Fatal("static/shop.sql is stale: run go generate in examples/database")
	}
}
