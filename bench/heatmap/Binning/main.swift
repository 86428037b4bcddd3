// Hex binning throughput on real police.uk coordinates: every located row of the Metropolitan
// Police burglary files (171 months) and the West Yorkshire files, read with ingest's parser, then
// binned into 200 m hex cells exactly as the heatmap's consumer does (WGS84 → OSGB36 by Helmert,
// British National Grid, axial cell), on 1 and on 2 threads. Reading and parsing are not timed.
// Prints points per wall-clock second and per CPU-second (the latter is what a loaded, shared
// machine does not distort: ≥ 2.5M per CPU-second is ≥ 5M/s on two idle cores).
//
// Usage: swift run -c release HeatmapBinningBench [data-folder] [passes]
//   data-folder  default ../shared/data next to the package; passes default 5 (best and median shown)
import Dispatch
import Foundation
import HeatmapCore
import IngestCore

/// The points and the binning, shared read-only by the worker threads.
struct Binner: Sendable {
    let lons: [Double]
    let lats: [Double]
    let projection: CityProjection
    let grid: HexGrid

    /// Bins points `[from, to)`; returns a checksum of the cells so the work cannot be elided.
    func bin(_ from: Int, _ to: Int) -> Int {
        var checksum = 0
        lons.withUnsafeBufferPointer { lon in
            lats.withUnsafeBufferPointer { lat in
                for index in from..<to {
                    let point = projection.project(lon: lon[index], lat: lat[index])
                    let cell = grid.cell(x: point.x, y: point.y)
                    checksum &+= cell.q &* 31 &+ cell.r
                }
            }
        }
        return checksum
    }
}

/// CPU time of the whole process so far (all threads), seconds: on a shared machine the wall
/// clock measures the other tenants too, CPU time only this work.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// One checksum slot per worker (each worker writes only its own).
final class Checksums: @unchecked Sendable {
    var values = [Int](repeating: 0, count: 2)
}

func run() throws {
    let arguments = CommandLine.arguments.dropFirst()
    let data = URL(fileURLWithPath: arguments.first ?? FileManager.default.currentDirectoryPath + "/../shared/data")
    let passes = arguments.dropFirst().first.flatMap { Int($0) } ?? 5

    var lons: [Double] = [], lats: [Double] = []
    for folder in ["uk-police-met-burglary", "uk-police-west-yorkshire"] {
        let directory = data.appendingPathComponent(folder)
        let files = (try FileManager.default.contentsOfDirectory(atPath: directory.path)).filter { $0.hasSuffix("street.csv.xz") }.sorted()
        for file in files {
            _ = try PoliceUKCSVParser().parse(contentsOf: directory.appendingPathComponent(file)) { row in
                guard case .record(let record) = row, let lon = record.longitude, let lat = record.latitude else { return }
                lons.append(lon)
                lats.append(lat)
            }
        }
    }
    guard let projection = CityProjection.of(city: "uk-metropolitan") else { fatalError("no projection for uk-metropolitan") }
    let grid = HexGrid()
    let points = lons.count
    print("\(points) located points (Met burglary 2010-12 … 2025-02 and West Yorkshire), \(passes) passes")

    let binner = Binner(lons: lons, lats: lats, projection: projection, grid: grid)

    for threads in [1, 2] {
        var rates: [Double] = []
        var cpuRates: [Double] = []
        var reference: Int?
        for _ in 0..<passes {
            let sums = Checksums()
            let cpuStart = processCPUSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                let chunk = (points + threads - 1) / threads
                sums.values[worker] = binner.bin(worker * chunk, min(points, (worker + 1) * chunk))
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        cpuRates.append(Double(points) / (processCPUSeconds() - cpuStart))
            let checksum = sums.values.reduce(0, &+)
            if let reference, reference != checksum { fatalError("checksum differs between passes") }
            reference = checksum
            rates.append(Double(points) / seconds)
        }
        let sorted = rates.sorted()
        let cpu = cpuRates.sorted()
        print(String(format: "%d thread(s): best %.2fM points/s, median %.2fM points/s (wall clock); "
                     + "median %.2fM points per CPU-second", threads,
                     sorted[sorted.count - 1] / 1e6, sorted[sorted.count / 2] / 1e6, cpu[cpu.count / 2] / 1e6))
    }
}

try run()
