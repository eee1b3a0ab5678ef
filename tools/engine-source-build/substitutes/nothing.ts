/** Stands in for WebTorrent's Node-only connection modules (TCP, uTP): no members, so no support. */
export default {}
