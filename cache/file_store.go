package cache

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/zeebo/xxh3"
)

// FileStore is a persistent Store in a directory, for native programs: one
// file per key, named by the key's hash and holding the key and the value.
// Writes are atomic (a temporary file renamed into place), so a reader never
// sees a torn record. Get refreshes the file's modification time, which Evict
// uses as the least-recently-used order.
//
// A FileStore is safe for concurrent use, also by several processes over one
// directory. Its zero value is not usable: use NewFileStore.
type FileStore struct {
	dir string
}

const fileSuffix = ".wlc"

// NewFileStore returns a FileStore over dir, creating it if needed.
func NewFileStore(dir string) (*FileStore, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &FileStore{dir: dir}, nil
}

func (s *FileStore) path(key string) string {
	sum := xxh3.HashString128(key).Bytes()
	return filepath.Join(s.dir, hex.EncodeToString(sum[:])+fileSuffix)
}

// splitFile returns the key and value stored in a file's content.
func splitFile(b []byte) (key string, val []byte, ok bool) {
	k, rest, ok := readBytes(b)
	if !ok {
		return "", nil, false
	}
	return string(k), rest, true
}

// Get reads the value stored under key. The caller owns the returned slice.
func (s *FileStore) Get(_ context.Context, key string) ([]byte, bool, error) {
	p := s.path(key)
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	k, val, ok := splitFile(b)
	if !ok || k != key { // a hash collision or a foreign file: a miss
		return nil, false, nil
	}
	now := time.Now()
	_ = os.Chtimes(p, now, now)
	return val, true, nil
}

// Set writes val under key atomically.
func (s *FileStore) Set(_ context.Context, key string, val []byte) error {
	f, err := os.CreateTemp(s.dir, "tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	buf := binary.AppendUvarint(make([]byte, 0, binary.MaxVarintLen64+len(key)), uint64(len(key)))
	buf = append(buf, key...)
	_, err = f.Write(buf)
	if err == nil {
		_, err = f.Write(val)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, s.path(key))
	}
	if err != nil {
		_ = os.Remove(tmp)
		if isNoSpace(err) {
			return errors.Join(ErrQuota, err)
		}
	}
	return err
}

// Delete removes key; deleting a missing key is not an error.
func (s *FileStore) Delete(_ context.Context, key string) error {
	err := os.Remove(s.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

type fileInfo struct {
	path string
	key  string
	size int64
	mod  time.Time
}

func (s *FileStore) list() ([]fileInfo, error) {
	ents, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, err
	}
	var out []fileInfo
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), fileSuffix) {
			continue
		}
		p := filepath.Join(s.dir, e.Name())
		b, err := readHeader(p)
		if err != nil {
			continue // removed meanwhile
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, fileInfo{path: p, key: b, size: info.Size(), mod: info.ModTime()})
	}
	return out, nil
}

func readHeader(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n, _ := f.Read(buf)
	k, _, ok := splitFile(buf[:n])
	if !ok {
		return "", fs.ErrInvalid
	}
	return k, nil
}

// Clear removes every key that starts with prefix.
func (s *FileStore) Clear(_ context.Context, prefix string) error {
	files, err := s.list()
	if err != nil {
		return err
	}
	var errs []error
	for _, f := range files {
		if strings.HasPrefix(f.key, prefix) {
			if err := os.Remove(f.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// Evict removes the least recently used files until bytes are freed. When all
// the files together hold less than bytes, it removes nothing.
func (s *FileStore) Evict(_ context.Context, bytes int64) (int64, error) {
	files, err := s.list()
	if err != nil {
		return 0, err
	}
	var total int64
	for _, f := range files {
		total += f.size
	}
	if total < bytes {
		return 0, nil // evicting everything could not make room for a value that size
	}
	slices.SortFunc(files, func(a, b fileInfo) int { return a.mod.Compare(b.mod) })
	var freed int64
	for _, f := range files {
		if freed >= bytes {
			break
		}
		if os.Remove(f.path) == nil {
			freed += f.size
		}
	}
	return freed, nil
}
