//go:build !unix

package cache

func isNoSpace(error) bool { return false }
