// A signal of its own for each request, following the caller's. A Request keeps an abort listener on the signal it is
// given until the Request is garbage-collected (undici's Request, in Node and in the fetch of every runtime on it), so
// thousands of requests on one long-lived signal (a push of a large folder, a long listing) pile up listeners and
// Node warns of a leak (MaxListenersExceededWarning). A signal from AbortSignal.any() aborts with the caller's, which
// holds it only weakly: each request's listener goes, with its signal, when the request is done.

/** A signal for one request that aborts when `signal` does (with its reason); undefined for no signal. */
export function requestSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
  return signal && AbortSignal.any([signal]);
}
