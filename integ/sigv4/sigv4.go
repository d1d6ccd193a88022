// Package sigv4 checks AWS Signature Version 4 on requests to the stand-ins,
// as the services do: the SDK's signing is part of what the tests exercise.
package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// Failure is why a service refuses a request's signature.
type Failure struct {
	Status  int
	Code    string
	Message string
}

func fail(code, format string, a ...any) *Failure {
	return &Failure{Status: http.StatusForbidden, Code: code, Message: fmt.Sprintf(format, a...)}
}

// Verify checks the Authorization header of r, whose body is body: present,
// scoped to region/service/aws4_request and, when its access key is among
// credentials (access key to secret key), correctly signed. With no
// credentials, any access key is taken.
func Verify(r *http.Request, body []byte, service, region string, credentials map[string]string) *Failure {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return fail("MissingAuthenticationTokenException", "Missing Authentication Token")
	}
	const algo = "AWS4-HMAC-SHA256 "
	if !strings.HasPrefix(auth, algo) {
		return fail("IncompleteSignatureException", "Authorization header requires AWS4-HMAC-SHA256")
	}
	fields := map[string]string{}
	for _, part := range strings.Split(strings.TrimPrefix(auth, algo), ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		fields[k] = v
	}
	scope := strings.Split(fields["Credential"], "/")
	if len(scope) != 5 || fields["SignedHeaders"] == "" || fields["Signature"] == "" {
		return fail("IncompleteSignatureException", "Authorization header requires Credential, SignedHeaders and Signature")
	}
	accessKey, date, scopeRegion, scopeService, term := scope[0], scope[1], scope[2], scope[3], scope[4]
	if scopeService != service || term != "aws4_request" {
		return fail("InvalidSignatureException", "Credential should be scoped to correct service: '%s'.", service)
	}
	if scopeRegion != region {
		return fail("InvalidSignatureException", "Credential should be scoped to a valid region, not '%s'.", scopeRegion)
	}
	amzDate := r.Header.Get("X-Amz-Date")
	if !strings.HasPrefix(amzDate, date) {
		return fail("IncompleteSignatureException", "X-Amz-Date missing or outside the credential scope date")
	}
	secret, known := credentials[accessKey]
	if !known {
		if len(credentials) > 0 {
			return fail("UnrecognizedClientException", "The security token included in the request is invalid.")
		}
		return nil
	}
	var canon strings.Builder
	canon.WriteString(r.Method + "\n" + r.URL.EscapedPath() + "\n" + canonicalQuery(r) + "\n")
	for _, h := range strings.Split(fields["SignedHeaders"], ";") {
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
		return fail("InvalidSignatureException", "The request signature we calculated does not match the signature you provided.")
	}
	return nil
}

func canonicalQuery(r *http.Request) string {
	var parts []string
	for k, vs := range r.URL.Query() {
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
