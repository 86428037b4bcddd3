import Contracts
import Testing
@testable import IngestCore

@Suite("Load formats and their contract values")
struct LoadFormatContractTests {
    @Test("every load format has its own contract value and maps back to itself")
    func contractValues() throws {
        for format in LoadFormat.allCases {
            #expect(format.contract != .unspecified, "\(format.rawValue)")
            #expect(try LoadFormat(contract: format.contract) == format)
        }
        #expect(LoadFormat.nypdArrestsSocrataJSON.contract.name == "SOURCE_FORMAT_NYPD_ARRESTS_SOCRATA_JSON")
    }
}
