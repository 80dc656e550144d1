package cache_test

import (
	"fmt"
	"time"

	"github.com/wasmlit/wasmlit/cache"
)

func ExampleData1() {
	e := cache.NewEngine(cache.Config{}) // a memory-only engine
	runs := 0
	square := cache.Data1(func(_ cache.NoSession, n int) ([]int, error) {
		runs++
		return []int{n * n}, nil
	}, cache.TTL(time.Hour), cache.WithEngine(e))

	a, _ := square.Call(cache.NoSession{}, 4)
	a[0] = -1 // the caller owns its copy
	b, _ := square.Call(cache.NoSession{}, 4)
	fmt.Println(b[0], "runs:", runs)
	// Output: 16 runs: 1
}

func ExampleResource0() {
	e := cache.NewEngine(cache.Config{})
	type conn struct{ opened int }
	opened := 0
	connect := cache.Resource0(func(cache.NoSession) (*conn, error) {
		opened++
		return &conn{opened: opened}, nil
	}, cache.WithEngine(e))

	c1, _ := connect.Call(cache.NoSession{})
	c2, _ := connect.Call(cache.NoSession{})
	fmt.Println(c1 == c2, opened)
	// Output: true 1
}

func ExampleHashFunc() {
	e := cache.NewEngine(cache.Config{})
	type user struct {
		ID      int
		Session func() // not hashable: hash users by ID
	}
	greet := cache.Data1(func(_ cache.NoSession, u user) (string, error) {
		return fmt.Sprint("hello ", u.ID), nil
	}, cache.HashFunc(func(u user) []byte { return []byte{byte(u.ID)} }), cache.WithEngine(e))
	s, err := greet.Call(cache.NoSession{}, user{ID: 7, Session: func() {}})
	fmt.Println(s, err)
	// Output: hello 7 <nil>
}
