package wasm

import (
	"fmt"

	"github.com/wasmlit/wasmlit/fetch"
)

// Download fetches url through the browser (natively, through net/http) and returns its body.
// While the body arrives, a progress bar shows how much has come; it is removed when the download
// ends. The download stops when the run does. Errors are *fetch.Error values that say what went
// wrong (HTTP status, network or CORS failure) and what to check.
func (st *Session) Download(url string, opts ...fetch.Option) ([]byte, error) {
	bar := st.Progress(0, "Downloading "+url)
	defer bar.ph.remove()
	report := fetch.OnProgress(func(done, total int64) {
		if total > 0 {
			bar.Set(float64(done)/float64(total), fmt.Sprintf("Downloading %s: %s of %s", url, byteSize(done), byteSize(total)))
		} else {
			bar.Set(0, fmt.Sprintf("Downloading %s: %s", url, byteSize(done)))
		}
	})
	return fetch.Get(st.Context(), url, append(opts, report)...)
}

// byteSize formats n bytes for people: "512 B", "1.5 MB".
func byteSize(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}
