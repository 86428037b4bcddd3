import Contracts
import Wire

/// The Forecast RPC of `crimescope.predict.v1.Predict`, served by a ``ForecastService``.
public struct ForecastHandlers: Sendable {
    let service: ForecastService

    public init(service: ForecastService) {
        self.service = service
    }

    /// Registers Forecast.
    public func register(on router: inout RPCRouter) {
        let service = self.service
        router.register(Methods.Predict.forecast) { (request: ForecastRequest, _) in try await service.forecast(request) }
    }
}
