package customresource

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Doer sends one HTTP request; *http.Client is one.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// Sender delivers responses to the ResponseURL, retrying until ctx ends.
type Sender struct {
	Client Doer
	// FirstBackoff is the wait after the first failed attempt; it doubles up to MaxBackoff.
	FirstBackoff, MaxBackoff time.Duration
}

// NewSender sends over HTTP with CloudFormation-friendly backoff. It follows no
// redirect: a pre-signed S3 URL does not redirect, and the answer is never
// sent on to another host.
func NewSender() *Sender {
	client := &http.Client{
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &Sender{Client: client, FirstBackoff: 200 * time.Millisecond, MaxBackoff: 2 * time.Second}
}

// Send PUTs the response to responseURL. It retries connection errors and 5xx
// answers until ctx ends, and returns the attempts made. Only a 2xx answer is
// delivery; a redirect is not. Errors never carry the URL,
// which is a credential in itself.
func (s *Sender) Send(ctx context.Context, responseURL string, r Response) (attempts int, err error) {
	if err := CheckURL(responseURL); err != nil {
		return 0, err
	}
	body, err := r.Body()
	if err != nil {
		return 0, fmt.Errorf("encode response: %w", err)
	}
	wait := s.FirstBackoff
	for {
		attempts++
		retry, err := s.put(ctx, responseURL, body)
		if err == nil || !retry {
			return attempts, err
		}
		select {
		case <-ctx.Done():
			return attempts, fmt.Errorf("deliver response: gave up after %d attempts: %w", attempts, err)
		case <-time.After(wait):
		}
		wait = min(2*wait, s.MaxBackoff)
	}
}

func (s *Sender) put(ctx context.Context, responseURL string, body []byte) (retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, responseURL, bytes.NewReader(body))
	if err != nil {
		return false, errors.New("deliver response: the ResponseURL cannot be requested")
	}
	// The pre-signed URL is signed without a Content-Type: send none.
	req.Header["Content-Type"] = nil
	resp, err := s.Client.Do(req)
	if err != nil {
		return ctx.Err() == nil, fmt.Errorf("deliver response: %w", withoutURL(err, req.URL))
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	switch {
	case resp.StatusCode >= 500:
		return true, fmt.Errorf("deliver response: ResponseURL answered %s", resp.Status)
	case resp.StatusCode >= 300 || resp.StatusCode < 200:
		return false, fmt.Errorf("deliver response: ResponseURL answered %s", resp.Status)
	}
	return false, nil
}

// CheckURL tells whether a response can be sent to responseURL at all, so that
// nothing is done for a request that cannot be answered.
func CheckURL(responseURL string) error {
	if u, err := url.Parse(responseURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return errors.New("the event's ResponseURL is not an http(s) URL")
	}
	return nil
}

// withoutURL drops the URL, whose query is a signature, from an error of net/http:
// the outer *url.Error names it, and inner errors may quote it or a redirect's.
func withoutURL(err error, u *url.URL) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	text := err.Error()
	for _, part := range []string{u.RawQuery, u.EscapedPath()} {
		if len(part) > 1 {
			text = strings.ReplaceAll(text, part, "…")
		}
	}
	if strings.Contains(text, "X-Amz-") || strings.Contains(text, "Signature=") {
		return errors.New("the request failed; its error quotes a signed URL")
	}
	return errors.New(text)
}
