//go:build js && wasm

package worker

import (
	"bytes"
	"context"
	"encoding/base64"
	"time"

	"github.com/syumai/workers/cloudflare"
	"github.com/wasmlit/wasmlit/cache/driver"
)

// kvMinTTL is Workers KV's shortest expiration.
const kvMinTTL = 60 * time.Second

// kvStore is the Worker's persistent cache tier: Workers KV, through syumai/workers. Values are
// base64 text (KV's text reads tell a missing key from a value; its stream reads do not, in
// syumai/workers v0.27.0). A key expires with its function's TTL (at least KV's minimum of 60 s;
// the record's own creation time is checked on every read either way).
type kvStore struct {
	kv *cloudflare.KVNamespace
}

func (s *kvStore) Get(_ context.Context, key string) ([]byte, bool, error) {
	v, err := s.kv.GetString(key, nil)
	if err != nil {
		return nil, false, err
	}
	if v == "<null>" || v == "" {
		return nil, false, nil
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return nil, false, nil // not ours: a miss, which the computation overwrites
	}
	return b, true, nil
}

func (s *kvStore) Set(_ context.Context, key string, val []byte) error {
	var opts *cloudflare.KVNamespacePutOptions
	if ttl := driver.SharedTTL(key); ttl > 0 {
		opts = &cloudflare.KVNamespacePutOptions{ExpirationTTL: int(max(ttl, kvMinTTL) / time.Second)}
	}
	return s.kv.PutReader(key, bytes.NewReader([]byte(base64.StdEncoding.EncodeToString(val))), opts)
}

func (s *kvStore) Delete(_ context.Context, key string) error { return s.kv.Delete(key) }

func (s *kvStore) Clear(_ context.Context, prefix string) error {
	cursor := ""
	for {
		res, err := s.kv.List(&cloudflare.KVNamespaceListOptions{Prefix: prefix, Cursor: cursor})
		if err != nil {
			return err
		}
		for _, k := range res.Keys {
			if err := s.kv.Delete(k.Name); err != nil {
				return err
			}
		}
		if res.ListComplete || res.Cursor == "" {
			return nil
		}
		cursor = res.Cursor
	}
}
