// The reference custom resource: the same Create as the Go Lambda (CreateConnectorProfile
// with clientToken = RequestId, then DescribeConnectorProfiles), written the way a
// Node.js 20 function with the AWS SDK for JavaScript v3 would be, answering
// CloudFormation with a PUT to the ResponseURL without a Content-Type.
import {
  AppflowClient,
  CreateConnectorProfileCommand,
  DescribeConnectorProfilesCommand,
} from "@aws-sdk/client-appflow";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

// Built once per cold start. The SDK reads AWS_REGION, the credentials and
// AWS_ENDPOINT_URL_APPFLOW from the environment.
const appflow = new AppflowClient({});

const cloudFormationKeys = new Set(["servicetoken", "servicetimeout", "forcedelete"]);

export async function handler(event) {
  const props = Object.fromEntries(
    Object.entries(event.ResourceProperties ?? {}).filter(([k]) => !cloudFormationKeys.has(k.toLowerCase())),
  );
  let answer;
  if (event.RequestType !== "Create") {
    answer = { Status: "SUCCESS", PhysicalResourceId: event.PhysicalResourceId };
  } else {
    try {
      await appflow.send(new CreateConnectorProfileCommand({ ...props, clientToken: event.RequestId }));
      const out = await appflow.send(
        new DescribeConnectorProfilesCommand({ connectorProfileNames: [props.connectorProfileName] }),
      );
      const p = out.connectorProfileDetails?.[0] ?? {};
      answer = {
        Status: "SUCCESS",
        PhysicalResourceId: props.connectorProfileName,
        Data: {
          ConnectorProfileArn: p.connectorProfileArn,
          ConnectorProfileName: p.connectorProfileName,
          CredentialsArn: p.credentialsArn,
        },
      };
    } catch (err) {
      answer = {
        Status: "FAILED",
        Reason: `${err?.name ?? "Error"}: ${err?.message ?? err}`.slice(0, 1024),
        PhysicalResourceId: `create-failed:${event.RequestId}`,
      };
    }
  }
  await respond(event.ResponseURL, {
    ...answer,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  });
}

// respond PUTs the body to the pre-signed URL; the signature excludes a Content-Type.
function respond(url, body) {
  const data = Buffer.from(JSON.stringify(body));
  const u = new URL(url);
  const send = u.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(u, { method: "PUT", headers: { "content-type": "", "content-length": data.length } }, (res) => {
      res.resume();
      res.on("end", () =>
        res.statusCode === 200 ? resolve() : reject(new Error(`response PUT answered ${res.statusCode}`)),
      );
    });
    req.on("error", reject);
    req.end(data);
  });
}
