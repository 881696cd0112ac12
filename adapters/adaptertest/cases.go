package adaptertest

// Cases returns the conformance table, by topic: routing, binding,
// inputs (cookies, forms, uploads), responders, middleware, hostile
// requests. The cases run in this order
// against one app per transport, and a few rely on it (a request after a
// panic, a counter read after the requests that change it). Each call
// returns a new slice.
func Cases() []Case {
	var cases []Case
	for _, topic := range [][]Case{routingCases(), bindingCases(), inputCases(), responderCases(), middlewareCases(), hostileCases()} {
		cases = append(cases, topic...)
	}
	return cases
}

// Content types the table expects.
const (
	typeText    = "text/plain; charset=utf-8"
	typeJSON    = "application/json"
	typeProblem = "application/problem+json"
)

// hdr builds a header map from name, value pairs.
func hdr(kv ...string) map[string]string {
	m := make(map[string]string, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}
