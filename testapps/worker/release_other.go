//go:build !js

package main

// released is the native stand-in: the build's native first run (the prerender) never starts a
// computation, and a native test that does is released at once.
func released(run int) bool { return true }
