// API calls a JSON API through the browser's fetch once, caches the decoded posts for ten seconds, and shows when they were fetched.
//
// It is the seed's "API calls" example, with the TTL its "ttl" section recommends for API data:
//
//	@st.cache_data(ttl=10)
//	def api_call():
//	    response = requests.get(url)
//	    return response.json()
//
// The API is a JSON file served beside the app (static/posts.json), so the example works offline
// and its requests can be counted in the browser's network log.
package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

// postsURL is the API endpoint, relative to the page.
var postsURL = "static/posts.json"

// ttl is how long fetched posts stay fresh: short, so you can watch them expire.
const ttl = 10 * time.Second

// Post is one post as the API sends it.
type Post struct {
	UserID int      `json:"userId"`
	ID     int      `json:"id"`
	Title  string   `json:"title"`
	Body   string   `json:"body"`
	Tags   []string `json:"tags"`
}

// Feed is what the cached call returns: the decoded posts and when they were fetched. It is
// data (plain structs), so it is cached as CBOR in IndexedDB and survives a reload.
type Feed struct {
	Posts     []Post
	FetchedAt time.Time
}

// fetches counts the runs of apiCall in this page: each is one request to the API.
var fetches atomic.Int64

// apiCall is the seed's api_call: fetch the JSON and decode it. cache.TTL is the seed's ttl; the
// URL is the only argument, so it is the key.
var apiCall = cache.Data1(func(st *wasm.Session, url string) (Feed, error) {
	fetches.Add(1)
	body, err := st.Download(url) // the fetch bridge: the browser's fetch, with a progress bar
	if err != nil {
		return Feed{}, err // errors are not cached: the next run asks again
	}
	var posts []Post
	if err := json.Unmarshal(body, &posts); err != nil {
		return Feed{}, fmt.Errorf("decoding %s: %w", url, err)
	}
	return Feed{Posts: posts, FetchedAt: time.Now()}, nil
}, cache.TTL(ttl), cache.SpinnerText("Calling the posts API…"))

func app(st *wasm.Session) {
	st.Title("API calls")
	st.Caption(fmt.Sprintf("The posts come from %s through the browser's fetch, cached for %v with cache.TTL. "+
		"Rerun as often as you like: the API is asked again only once the entry is older than the TTL, "+
		"and a reload reads it from IndexedDB.", postsURL, ttl))

	feed, err := apiCall.Call(st, postsURL)
	if err != nil {
		st.Exception(err)
		return
	}

	age := time.Since(feed.FetchedAt)
	cols := st.Columns(3)
	cols[0].Metric("Fetched at", feed.FetchedAt.UTC().Format("15:04:05.000"))
	cols[1].Metric("API requests in this page", fmt.Sprint(fetches.Load()))
	if left := ttl - age; left > 0 {
		cols[2].Metric("Expires in", fmt.Sprintf("%.1f s", left.Seconds()))
	} else {
		cols[2].Metric("Expires in", "expired")
	}
	// Plain lines for tests and for reading at a glance.
	st.Text("fetched at = " + feed.FetchedAt.UTC().Format(time.RFC3339Nano))
	st.Textf("fetches = %d", fetches.Load())
	st.Textf("posts = %d", len(feed.Posts))
	st.Button("Rerun")

	st.Subheader("Posts")
	ids := make([]int, len(feed.Posts))
	users := make([]int, len(feed.Posts))
	titles := make([]string, len(feed.Posts))
	tags := make([]string, len(feed.Posts))
	for i, p := range feed.Posts {
		ids[i], users[i], titles[i], tags[i] = p.ID, p.UserID, p.Title, strings.Join(p.Tags, ", ")
	}
	frame, err := wasm.NewFrame(wasm.Ints("id", ids), wasm.Ints("userId", users),
		wasm.Strings("title", titles), wasm.Strings("tags", tags))
	if err != nil {
		st.Exception(err)
		return
	}
	st.DataFrame(frame)

	// Picking a post reruns the app: a hit, no request (the seed's posts/1, as JSON).
	if len(feed.Posts) > 0 {
		p := wasm.Selectbox(st, "Post", feed.Posts, wasm.Format(func(p Post) string { return fmt.Sprintf("%d. %s", p.ID, p.Title) }))
		st.JSON(p)
	}
}
