package appflowfake

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// checkAuth checks the SigV4 Authorization header: present, scoped to
// <region>/appflow/aws4_request and, when the access key is known,
// correctly signed.
func (s *Server) checkAuth(r *http.Request, body []byte) *apiError {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return errorf(http.StatusForbidden, "MissingAuthenticationTokenException", "Missing Authentication Token")
	}
	const algo = "AWS4-HMAC-SHA256 "
	if !strings.HasPrefix(auth, algo) {
		return errorf(http.StatusForbidden, "IncompleteSignatureException", "Authorization header requires AWS4-HMAC-SHA256")
	}
	fields := map[string]string{}
	for _, part := range strings.Split(strings.TrimPrefix(auth, algo), ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		fields[k] = v
	}
	scope := strings.Split(fields["Credential"], "/")
	if len(scope) != 5 || fields["SignedHeaders"] == "" || fields["Signature"] == "" {
		return errorf(http.StatusForbidden, "IncompleteSignatureException", "Authorization header requires Credential, SignedHeaders and Signature")
	}
	accessKey, date, region, service, term := scope[0], scope[1], scope[2], scope[3], scope[4]
	if service != "appflow" || term != "aws4_request" {
		return errorf(http.StatusForbidden, "InvalidSignatureException", "Credential should be scoped to correct service: 'appflow'.")
	}
	if region != s.opts.Region {
		return errorf(http.StatusForbidden, "InvalidSignatureException", "Credential should be scoped to a valid region, not '%s'.", region)
	}
	amzDate := r.Header.Get("X-Amz-Date")
	if !strings.HasPrefix(amzDate, date) {
		return errorf(http.StatusForbidden, "IncompleteSignatureException", "X-Amz-Date missing or outside the credential scope date")
	}
	secret, known := s.opts.Credentials[accessKey]
	if !known {
		if len(s.opts.Credentials) > 0 {
			return errorf(http.StatusForbidden, "UnrecognizedClientException", "The security token included in the request is invalid.")
		}
		return nil
	}
	signed := strings.Split(fields["SignedHeaders"], ";")
	var canon strings.Builder
	canon.WriteString(r.Method + "\n" + r.URL.EscapedPath() + "\n" + canonicalQuery(r) + "\n")
	for _, h := range signed {
		var v string
		switch h {
		case "host":
			v = r.Host
		case "content-length":
			v = strconv.FormatInt(r.ContentLength, 10)
		default:
			v = strings.Join(r.Header.Values(h), ",")
		}
		canon.WriteString(h + ":" + strings.Join(strings.Fields(v), " ") + "\n")
	}
	canon.WriteString("\n" + fields["SignedHeaders"] + "\n" + hexSHA(body))
	toSign := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + strings.Join(scope[1:], "/") + "\n" + hexSHA([]byte(canon.String()))
	key := []byte("AWS4" + secret)
	for _, part := range scope[1:] {
		key = hmacSHA(key, part)
	}
	if !hmac.Equal([]byte(hex.EncodeToString(hmacSHA(key, toSign))), []byte(fields["Signature"])) {
		return errorf(http.StatusForbidden, "InvalidSignatureException",
			"The request signature we calculated does not match the signature you provided.")
	}
	return nil
}

func canonicalQuery(r *http.Request) string {
	q := r.URL.Query()
	var parts []string
	for k, vs := range q {
		for _, v := range vs {
			parts = append(parts, escape(k)+"="+escape(v))
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, "&")
}

func escape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~", c) >= 0 {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
		}
	}
	return b.String()
}

func hexSHA(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

func hmacSHA(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}
