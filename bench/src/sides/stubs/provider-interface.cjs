// Stand-in for node-socialite/dist/Core/ProviderInterface, which node-easywechat 3.6.2 requires
// but node-socialite 1.5.x (what its "^1.4.1" resolves to today) no longer ships. node-easywechat
// only uses it for an `instanceof` check in getOAuth(), which the benchmark never calls.
class ProviderInterface {}
module.exports = ProviderInterface
