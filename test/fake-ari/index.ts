/** The fake Asterisk (ARI over HTTP + WebSocket) lives with the simulator it also powers; tests import it here. */
export { FakeAsterisk, type EndpointBehaviour, type FakeAsteriskOptions, type FakeRequest } from '../../server/telephony/simulator/fake-asterisk.js';
