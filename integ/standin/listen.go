package standin

import (
	"fmt"
	"net"
	"net/http"
	"time"
)

// Listen serves h on addr (host:port; port 0 for a free one) and returns the
// server, whose Close cuts off any hanging request, and its base URL.
func Listen(addr string, h http.Handler) (*http.Server, string, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(l)
	return srv, "http://" + l.Addr().String(), nil
}
