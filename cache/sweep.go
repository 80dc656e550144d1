package cache

import (
	"context"
	"encoding/hex"
	"strings"

	"github.com/wasmlit/wasmlit/cache/driver"
	"github.com/wasmlit/wasmlit/cache/funcid"
)

// programSites is the seam to funcid.ProgramSites (tests give a program).
var programSites = funcid.ProgramSites

// sweepOrphans drops from a persistent store the records of cached functions
// that no longer exist or whose source changed since they were written, so
// that the store does not grow with every edit of the app. It runs when the
// engine opens the store, before any cached call, and only when the program
// registered its complete list of call sites (a main package built with the
// generator). Records of packages the list does not cover, such as another
// module's or a build without the generator, are left alone: their
// functions may simply not be known yet. A store that cannot list its keys
// (no KeyLister) is not swept. It reports how many records it dropped.
func sweepOrphans(ctx context.Context, s driver.Store, warn func(string, ...any)) int {
	prog, ok := programSites()
	lister, canList := s.(driver.KeyLister)
	if !ok || !canList {
		return 0
	}
	keys, err := lister.Keys(ctx, dataKeyPrefix)
	if err != nil {
		warn("cache: cannot list the stored records to drop those of removed functions", "err", err)
		return 0
	}
	n := 0
	for _, k := range keys {
		if !orphan(k, prog) {
			continue
		}
		if err := s.Delete(ctx, k); err != nil {
			warn("cache: cannot drop the record of a removed function", "key", k, "err", err)
			return n
		}
		n++
	}
	return n
}

// orphan reports whether a data record's key belongs to a function of one of
// the program's packages that the program no longer has, or had with other
// source. A key is "d:" + name + "@" + instance + "#" + source hash + ":" +
// arguments (funcInfo.resolve).
func orphan(key string, prog funcid.Program) bool {
	rest, ok := strings.CutPrefix(key, dataKeyPrefix)
	if !ok {
		return false
	}
	i := strings.LastIndexByte(rest, '#')
	if i < 0 {
		return false
	}
	name := rest[:i]
	if j := strings.LastIndexByte(name, '@'); j >= 0 {
		name = name[:j]
	}
	version, _, ok := strings.Cut(rest[i+1:], ":")
	if !ok || !prog.Packages[funcid.PackageOf(name)] {
		return false
	}
	h, ok := prog.Sites[name]
	return !ok || hex.EncodeToString(h[:]) != version
}
