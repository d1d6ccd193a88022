// Package customresource speaks CloudFormation's custom resource protocol: the
// request event, the response object and its delivery to the pre-signed ResponseURL.
package customresource
