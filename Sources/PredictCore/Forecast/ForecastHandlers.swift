import Contracts
import Wire

/// The Forecast RPC of `crimescope.predict.v1.Predict`, served by a ``ForecastService``.
struct ForecastHandlers: Sendable {
    let service: ForecastService

    init(service: ForecastService) {
        self.service = service
    }

    /// Registers Forecast.
    func register(on router: inout RPCRouter) {
        let service = self.service
        router.register(Methods.Predict.forecast) { (request: ForecastRequest, _) in try await service.forecast(request) }
    }
}
