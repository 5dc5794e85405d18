/* The proxy lives with the benches (the soak uses it too); tests import it from here. */
export { TcpProxy } from '../../bench/tcp-proxy';

/** A port nothing listens on (taken and released). */
export { freePort as closedPort } from '../../bench/common';
