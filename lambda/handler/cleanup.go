package handler

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// discard deletes the replacement this request made but cannot report, so that
// nothing is left without an owner: CloudFormation will never ask for it. It
// retries within the settle reserve, which the budget kept for it.
func (h *Handler) discard(ctx context.Context, req *request, p *profile.Properties) {
	ctx, cancel := settleContext(ctx, req.settleBy)
	defer cancel()
	in := &appflow.DeleteConnectorProfileInput{ConnectorProfileName: aws.String(req.made)}
	err := retry(ctx, func(ctx context.Context) error {
		_, err := h.AppFlow.DeleteConnectorProfile(ctx, in, singleAttempt)
		if isNotFound(err) {
			return nil
		}
		return err
	})
	if err != nil {
		h.Log.WarnContext(ctx, "replacement profile left in AppFlow: delete it by hand",
			"profileName", req.made, "error", redactFor(err.Error(), p))
	}
}

// retry calls try until it succeeds, fails for good, or ctx ends, waiting a
// little longer after each failure.
func retry(ctx context.Context, try func(context.Context) error) error {
	wait := 50 * time.Millisecond
	for {
		err := try(ctx)
		if err == nil || isFinal(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Second)
	}
}

func singleAttempt(o *appflow.Options) { o.RetryMaxAttempts = 1 }
