package fasthttp

// The app runs on a goroutine other than fasthttp's handler (see
// handler.serve). Starting a new goroutine for each request would cost
// more than the rest of the request: its stack starts small and is grown,
// by copying, to what the app needs. Goroutines are kept instead, each
// with its grown stack, and parked between requests.

// maxIdleWorkers bounds the goroutines kept waiting for a request.
const maxIdleWorkers = 256

// idleWorkers holds parked workers, each waiting on its own channel. It is
// process-wide, like fasthttp's own worker pool, so that handlers made and
// dropped (in tests, say) do not each keep goroutines.
var idleWorkers = make(chan chan func(), maxIdleWorkers)

// goWork runs fn on a parked worker, or on a new one if none is idle.
func goWork(fn func()) {
	select {
	case w := <-idleWorkers:
		w <- fn
	default:
		w := make(chan func(), 1)
		w <- fn
		go work(w)
	}
}

// work runs what it is given, then parks until given more, or ends if
// enough workers are parked already.
func work(w chan func()) {
	for fn := range w {
		fn()
		select {
		case idleWorkers <- w:
		default:
			return
		}
	}
}
