import Contracts

/// `GET /api/v1/heatmap` written straight from the GetBeatHeatmap reply's protobuf bytes: the
/// same JSON as ``HeatmapJSON`` over the decoded `BeatHeatmapResponse` (GatewayAPIJSONTextTests
/// check it), without decoding every area into C and Swift structs and copying it again (that
/// was the largest cost of a heatmap request left in the gateway under bench/gateway).
///
/// Decoding follows protobuf's rules as protobuf-c applies them: fields in any order, unknown
/// fields skipped, a repeated singular field's last value wins (messages merge), strings end at
/// their first NUL and invalid UTF-8 is repaired as `String(cString:)` repairs it.
package struct HeatmapReplyJSON: ProtoMessage, JSONTextWritable {
    package static let protoName = BeatHeatmapResponse.protoName

    /// A string inside ``payload``.
    struct Text: Equatable {
        var range: Range<Int> = 0..<0
    }

    struct Area: Equatable {
        var name = Text()
        var counts = CountsJSON(Counts())
    }

    struct CrimeType: Equatable {
        var name = Text()
        var incidents: Int64 = 0
    }

    /// Set by the caller before writing: the reply does not carry them as the API shows them.
    package var city = ""
    package var filters = HeatmapJSON.Filters()

    private let payload: [UInt8]
    private let areas: [Area]
    private let total: CountsJSON
    private let maxIncidents: Int64
    private let crimeTypes: [CrimeType]
    private let timeZone: Text
    /// The heatmap index position the reply was computed from.
    package let position: Int64

    package init(serializedBytes bytes: [UInt8]) throws(ProtoDecodingError) {
        payload = bytes
        let decoded = bytes.withUnsafeBufferPointer { Self.decode($0) }
        guard let decoded else { throw ProtoDecodingError(messageName: Self.protoName, byteCount: bytes.count) }
        (areas, total, maxIncidents, crimeTypes, timeZone, position) = decoded
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>)
        -> (areas: [Area], total: CountsJSON, maxIncidents: Int64, crimeTypes: [CrimeType], timeZone: Text, position: Int64)? {
        var areas: [Area] = [], total = CountsJSON(Counts()), maxIncidents: Int64 = 0, crimeTypes: [CrimeType] = []
        var position: Int64 = 0
        var timeZone = Text()
        var reader = ProtoWireReader(bytes)
        do {
            typealias Reply = BeatHeatmapResponse.FieldNumber
            while let (field, wireType) = try reader.nextField() {
                switch field {
                case Reply.areas:
                    var area = Area()
                    var inner = try reader.message(wireType)
                    while let (field, wireType) = try inner.nextField() {
                        switch field {
                        case AreaCounts.FieldNumber.area: area.name = Text(range: try inner.string(wireType))
                        case AreaCounts.FieldNumber.counts: try merge(&area.counts, from: inner.message(wireType))
                        default: try inner.skip(wireType)
                        }
                    }
                    areas.append(area)
                case Reply.total: try merge(&total, from: reader.message(wireType))
                case Reply.maxIncidents: maxIncidents = try reader.int64(wireType)
                case Reply.crimeTypes:
                    var crimeType = CrimeType()
                    var inner = try reader.message(wireType)
                    while let (field, wireType) = try inner.nextField() {
                        switch field {
                        case CrimeTypeCount.FieldNumber.primaryType: crimeType.name = Text(range: try inner.string(wireType))
                        case CrimeTypeCount.FieldNumber.incidents: crimeType.incidents = try inner.int64(wireType)
                        default: try inner.skip(wireType)
                        }
                    }
                    crimeTypes.append(crimeType)
                case Reply.timeZone: timeZone = Text(range: try reader.string(wireType))
                case Reply.position: position = try reader.int64(wireType)
                default: try reader.skip(wireType)  // filters: the request's, which the API writes from its own query
                }
            }
        } catch {
            return nil
        }
        return (areas, total, maxIncidents, crimeTypes, timeZone, position)
    }

    package func serializedBytes() -> [UInt8] { payload }

    package static func == (lhs: HeatmapReplyJSON, rhs: HeatmapReplyJSON) -> Bool {
        lhs.payload == rhs.payload && lhs.city == rhs.city && lhs.filters == rhs.filters
    }

    /// Members in the order ``HeatmapJSON``'s writer (and the encoder's sorted keys) puts them.
    package func write(to text: inout JSONText) {
        payload.withUnsafeBufferPointer { payload in
            text.object { o in
                o.member("areas") { a in
                    a.array { list in
                        if let written = Self.plainAreasText(areas, payload) {
                            list.raw(written)
                            return
                        }
                        for (position, area) in areas.enumerated() {
                            list.raw(position == 0 ? Self.areaOpen : Self.nextAreaOpen)
                            list.raw(utf8String: Self.slice(payload, area.name))
                            list.raw(Self.arrestsKey)
                            list.raw(integer: area.counts.arrests)
                            list.raw(Self.domesticKey)
                            list.raw(integer: area.counts.domestic)
                            list.raw(Self.incidentsKey)
                            list.raw(integer: area.counts.incidents)
                            list.raw(Self.objectClose)
                        }
                    }
                }
                o.member("city", city)
                o.member("crime_types") { a in
                    a.array { list in
                        for crimeType in crimeTypes {
                            list.object { item in
                                item.member("incidents", crimeType.incidents)
                                item.member("primary_type", utf8: Self.slice(payload, crimeType.name))
                            }
                        }
                    }
                }
                o.member("filters") { filters.write(to: &$0) }
                o.member("max_incidents", maxIncidents)
                o.member("time_zone", utf8: Self.slice(payload, timeZone))
                o.member("total") { total.write(to: &$0) }
            }
        }
    }

    /// The areas' objects, comma-separated, written through a pointer (277 of them in a Chicago
    /// reply: the members of HeatmapJSON.AreaJSON in their sorted order); nil when a name needs
    /// escaping or repair (then the writer above does it).
    private static func plainAreasText(_ areas: [Area], _ payload: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var bound = 0
        for area in areas { bound += area.name.range.count + 3 * 20 + 48 }
        var plain = true
        let text = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            count = 0
            guard let start = buffer.baseAddress else { return }
            var out = start
            for (position, area) in areas.enumerated() {
                let name = slice(payload, area.name)
                guard !name.contains(where: { $0 < 0x20 || $0 >= 0x80 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                    plain = false
                    return
                }
                out = copy(position == 0 ? #"{"area":""# : #",{"area":""#, to: out)
                if let base = name.baseAddress, !name.isEmpty {
                    out.update(from: base, count: name.count)
                    out += name.count
                }
                out = copy(#"","arrests":"#, to: out)
                out = write(area.counts.arrests, to: out)
                out = copy(#","domestic":"#, to: out)
                out = write(area.counts.domestic, to: out)
                out = copy(#","incidents":"#, to: out)
                out = write(area.counts.incidents, to: out)
                out = copy("}", to: out)
            }
            count = out - start
        }
        return plain ? text : nil
    }

    private static func copy(_ text: StaticString, to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        out.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        return out + text.utf8CodeUnitCount
    }

    /// Writes `number` in decimal (at most 20 bytes).
    private static func write(_ number: Int64, to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var out = out
        if number < 0 {
            out.pointee = UInt8(ascii: "-")
            out += 1
        }
        var magnitude = number.magnitude, digits = 1
        while magnitude >= 10 {
            magnitude /= 10
            digits += 1
        }
        magnitude = number.magnitude
        for index in stride(from: digits - 1, through: 0, by: -1) {
            out[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        }
        return out + digits
    }

    private static let areaOpen = Array(#"{"area":"#.utf8)
    private static let nextAreaOpen = Array(#",{"area":"#.utf8)
    private static let arrestsKey = Array(#","arrests":"#.utf8)
    private static let domesticKey = Array(#","domestic":"#.utf8)
    private static let incidentsKey = Array(#","incidents":"#.utf8)
    private static let objectClose = Array("}".utf8)

    /// The bytes of `text` up to its first NUL (as protobuf-c's C string ends there).
    private static func slice(_ payload: UnsafeBufferPointer<UInt8>, _ text: Text) -> UnsafeBufferPointer<UInt8> {
        let bytes = UnsafeBufferPointer(rebasing: payload[text.range])
        guard let nul = bytes.firstIndex(of: 0) else { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[..<nul])
    }

    private static func merge(_ counts: inout CountsJSON, from message: ProtoWireReader) throws(ProtoWireReader.Malformed) {
        var reader = message
        while let (field, wireType) = try reader.nextField() {
            switch field {
            case Counts.FieldNumber.incidents: counts.incidents = try reader.int64(wireType)
            case Counts.FieldNumber.arrests: counts.arrests = try reader.int64(wireType)
            case Counts.FieldNumber.domestic: counts.domestic = try reader.int64(wireType)
            default: try reader.skip(wireType)
            }
        }
    }
}
