package main

func parse(url string) int {
	return scale(len(url)) + 1
}

func scale(n int) int {
	return n * 10
}
