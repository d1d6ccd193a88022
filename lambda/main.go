// Command lambda is the handler behind Custom::AppFlowConnectorProfile.
package main

func main() {}
