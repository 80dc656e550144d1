package driver

import (
	"context"
	"errors"
	"testing"
)

// A program without shared functions registers no server (cache.Shared does): the Worker's
// endpoint then refuses every request as a 4xx, as the server would refuse an unknown function.
func TestServeSharedWithoutServerRefuses_E3(t *testing.T) {
	if server.Load() != nil {
		t.Fatal("a server is registered in a test of package driver")
	}
	for _, tc := range []struct {
		size   int
		status int
	}{
		{10, 404},
		{MaxSharedRequestBytes, 404},
		{MaxSharedRequestBytes + 1, 413},
	} {
		_, ttl, err := ServeShared(context.Background(), make([]byte, tc.size))
		var se *SharedError
		if !errors.As(err, &se) || se.Status != tc.status || ttl != 0 {
			t.Errorf("ServeShared(%d bytes) = ttl %v, err %v; want a *SharedError with status %d", tc.size, ttl, err, tc.status)
		}
	}
	if ttl := SharedTTL("data:f@1#k"); ttl != 0 {
		t.Errorf("SharedTTL without a server = %v, want 0", ttl)
	}
}
