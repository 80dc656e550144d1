package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"sync"

	"github.com/andybalholm/brotli"
)

// Compression levels, measured on this 2-core machine with a 4.07 MB module (dom/v2 + cbor):
//
//	brotli 5: 969 KB 0.34 s | 9: 939 KB 0.71 s | 10: 861 KB 10.8 s | 11: 827 KB 18.3 s
//	gzip   6: 1131 KB 0.28 s | 9: 1124 KB 0.72 s
//
// Level 9 is the knee: 10 and 11 save another 8–12 % for 15–25 times the time, which every
// test run and CI build would pay per app. A deploy can ask for them with build -brotli 11.
// serve -watch uses the fast levels so that a rebuild on save stays quick.
const (
	defaultBrotliQuality = 9
	defaultGzipLevel     = gzip.BestCompression
	fastBrotliQuality    = 5
	fastGzipLevel        = gzip.DefaultCompression
)

// compressFiles writes the brotli and gzip copies of data to brPath and gzPath, concurrently.
// Zero levels mean the defaults.
func compressFiles(data []byte, brPath, gzPath string, quality, gzLevel int) error {
	if quality <= 0 {
		quality = defaultBrotliQuality
	}
	if gzLevel == 0 {
		gzLevel = defaultGzipLevel
	}
	var wg sync.WaitGroup
	var brErr, gzErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		brErr = os.WriteFile(brPath, brotliBytes(data, quality), 0o644)
	}()
	gzErr = os.WriteFile(gzPath, gzipBytes(data, gzLevel), 0o644)
	wg.Wait()
	if brErr != nil {
		return brErr
	}
	return gzErr
}

func brotliBytes(data []byte, quality int) []byte {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, quality)
	w.Write(data) // a bytes.Buffer never fails
	w.Close()
	return buf.Bytes()
}

func gzipBytes(data []byte, level int) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, level) // level is a valid constant
	w.Write(data)
	w.Close()
	return buf.Bytes()
}
