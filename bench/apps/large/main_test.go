package main

import "testing"

// TestMakeCopyFloor: the make+copy floor copies rows×32 bytes, fills its source once per size
// (timed as compute), and only copies on later calls.
func TestMakeCopyFloor(t *testing.T) {
	lastCompute = 0
	if n := makeCopy(1000); n != 1000 {
		t.Fatalf("makeCopy(1000) = %d rows, want 1000", n)
	}
	if len(floorSrc) != 32000 || floorSrc[1] != 7 {
		t.Fatalf("source: %d bytes, [1] = %d; want 32000 bytes filled with i*7", len(floorSrc), floorSrc[1])
	}
	if lastCompute == 0 {
		t.Fatal("filling the source was not timed as compute")
	}
	lastCompute = 0
	makeCopy(1000)
	if lastCompute != 0 {
		t.Fatal("a second call of the same size refilled the source")
	}
	if n := makeCopy(2000); n != 2000 || len(floorSrc) != 64000 {
		t.Fatalf("makeCopy(2000) = %d rows over %d bytes, want 2000 over 64000", n, len(floorSrc))
	}
}
