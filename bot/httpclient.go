package bot

import (
	"bytes"
	"io"
	"net/http"
	"time"
)

// apiClient is the HTTP client of the Bot API requests (go-telegram/bot's
// and the poller's).
//
// Its transport keeps as many idle connections to the API as requests run
// at once: with net/http's default of two, every answer sent while two
// others were on the wire dialled a connection of its own (a TLS handshake
// to api.telegram.org) and dropped it after.
//
// go-telegram/bot streams each request's multipart form through a pipe, so
// net/http sends it chunked, flushing every field as a chunk of its own: a
// sendMessage took a dozen writes to the socket. A body of up to
// maxBufferedBody is read whole first and sent with its length in one
// write; a larger one (a staff export) is sent as it comes.
func apiClient(timeout time.Duration) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 200
	t.MaxIdleConnsPerHost = 100
	return &http.Client{Timeout: timeout, Transport: bufferedBodies{next: t}}
}

// maxBufferedBody is the largest request body read whole before it is sent.
const maxBufferedBody = 1 << 20

// bufferedBodies sends request bodies of unknown length up to
// maxBufferedBody with their length.
type bufferedBodies struct{ next http.RoundTripper }

func (b bufferedBodies) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength > 0 {
		return b.next.RoundTrip(r)
	}
	var buf bytes.Buffer
	_, err := io.CopyN(&buf, r.Body, maxBufferedBody+1)
	switch {
	case err == io.EOF:
		r.Body.Close()
		data := buf.Bytes()
		r = r.Clone(r.Context())
		r.ContentLength = int64(len(data))
		r.Body = io.NopCloser(bytes.NewReader(data))
		r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
		if len(data) == 0 {
			r.Body = http.NoBody
		}
		return b.next.RoundTrip(r)
	case err != nil:
		r.Body.Close()
		return nil, err
	}
	// Larger than the bound: what was read, then the rest, as it comes.
	rest := r.Body
	r = r.Clone(r.Context())
	r.Body = readCloser{io.MultiReader(&buf, rest), rest}
	return b.next.RoundTrip(r)
}

type readCloser struct {
	io.Reader
	io.Closer
}
