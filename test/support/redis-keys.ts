/* Shared with the soak bench; tests import it from here. */
export { deleteKeys, scanKeys } from '../../bench/redis-keys';
