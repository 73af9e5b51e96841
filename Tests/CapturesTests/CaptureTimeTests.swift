import Foundation
import Testing
@testable import Captures
import Report

@Suite struct CaptureTimeTests {
    static func utc(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }

    @Test(arguments: [
        ("2023-08-22-00:00_2023-08-22-23:59_Sentinel-2_L2A_B04_(Raw).tiff", "2023-08-22T00:00:00Z"),
        ("2022-05-14-00_00_2022-05-14-23_59_Sentinel-2_L2A_B02_(Raw).tiff", "2022-05-14T00:00:00Z"),
        ("/data/S2A_MSIL2A_20250314T021530_N0511_R003_T51RUQ.tif", "2025-03-14T02:15:30Z"),
        ("scene_2023-08-22T10:31:02.tif", "2023-08-22T10:31:02Z"),
        ("2022-05-14_SH_Busan_True_color.png", "2022-05-14T00:00:00Z"),
        ("LC08_L1TP_044034_20200101_02_T1.tif", "2020-01-01T00:00:00Z"),
    ])
    func fileNames(name: String, expected: String) {
        #expect(CaptureTime.parseFileName(name) == Self.utc(expected))
    }

    @Test(arguments: ["before.tif", "2023-13-40.tif", "20231399T250000.tif", "x-99999999.png", "2023-02-30.tif"])
    func fileNamesWithoutTime(name: String) {
        #expect(CaptureTime.parseFileName(name) == nil)
    }

    @Test func tiffDateTime() {
        #expect(CaptureTime.parseTIFFDateTime("2019:07:01 10:20:30") == Self.utc("2019-07-01T10:20:30Z"))
        #expect(CaptureTime.parseTIFFDateTime("2019:07:01 10:20:30\0") == Self.utc("2019-07-01T10:20:30Z"))
        #expect(CaptureTime.parseTIFFDateTime("    :  :     :  :  ") == nil)
        #expect(CaptureTime.parseTIFFDateTime("2019:13:01 10:20:30") == nil)
    }

    @Test func iso8601() {
        #expect(CaptureTime.parseISO8601("2023-08-22T10:31:02Z") == Self.utc("2023-08-22T10:31:02Z"))
        #expect(CaptureTime.parseISO8601("2023-08-22T12:31:02+02:00") == Self.utc("2023-08-22T10:31:02Z"))
        #expect(CaptureTime.parseISO8601("2023-08-22T10:31:02.5Z")!.timeIntervalSince(Self.utc("2023-08-22T10:31:02Z")) == 0.5)
        #expect(CaptureTime.parseISO8601("2023-08-22T10:31:02") == Self.utc("2023-08-22T10:31:02Z"))
        #expect(CaptureTime.parseISO8601("2023-08-22") == Self.utc("2023-08-22T00:00:00Z"))
        #expect(CaptureTime.parseISO8601("yesterday") == nil)
        #expect(CaptureTime.format(Self.utc("2023-08-22T10:31:02Z")) == "2023-08-22T10:31:02Z")
    }

    /// Regression: `info --time 2025-02-30T00:00:00Z` was read as 2 March by Foundation's
    /// formatter. Now the same validation as ISOTime (and file names): refused.
    @Test(arguments: ["2025-02-30T00:00:00Z", "2025-02-29T12:00:00Z", "2024-04-31T00:00:00", "2025-02-30",
                      "2023-08-22T24:00:00Z", "2023-08-22T10:31:02+99:00", "2023-00-10T00:00:00Z"])
    func iso8601ImpossibleTimesAreRefused(text: String) {
        #expect(CaptureTime.parseISO8601(text) == nil)
        #expect(ISOTime.parse(text) == nil || text.count == 10)
    }

    @Test func iso8601LeapDayAndLeapSecond() {
        #expect(CaptureTime.parseISO8601("2024-02-29T12:00:00Z") == Self.utc("2024-02-29T12:00:00Z"))
        #expect(CaptureTime.parseISO8601("2024-02-29") == Self.utc("2024-02-29T00:00:00Z"))
        #expect(CaptureTime.parseFileName("x_20240229T120000.tif") == Self.utc("2024-02-29T12:00:00Z"))
        #expect(CaptureTime.parseFileName("x_20250229T120000.tif") == nil)
        // Same instant as a file-name time and as an ISO time.
        #expect(CaptureTime.date(2023, 12, 31, 23, 59, 60) == CaptureTime.parseISO8601("2024-01-01T00:00:00Z"))
    }
}
