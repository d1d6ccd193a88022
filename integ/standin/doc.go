// Package standin holds what the stand-ins share beside their faults (package
// fault) and signatures (package sigv4): serving on a loopback port, and the
// record of the requests they received.
package standin
