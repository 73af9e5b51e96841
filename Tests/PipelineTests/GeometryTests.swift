import Foundation
import Testing

@testable import Pipeline

@Suite struct OrientedBoxTests {
    @Test func gapBetweenParallelBoxes() {
        let a = OrientedBox(centerX: 0, centerY: 0, length: 100, width: 20, angle: 0)
        let b = OrientedBox(centerX: 0, centerY: 30, length: 80, width: 20, angle: 0)
        #expect(abs(OrientedBox.gap(a, b) - 10) < 1e-9)
        let c = OrientedBox(centerX: 0, centerY: 15, length: 80, width: 20, angle: 0)
        #expect(OrientedBox.gap(a, c) == 0)
    }

    @Test(arguments: [0.0, 0.3, 1.1, -0.7, 1.5707])
    func gapIsRotationInvariant(theta: Double) {
        func rot(_ b: OrientedBox) -> OrientedBox {
            OrientedBox(centerX: b.centerX * cos(theta) - b.centerY * sin(theta),
                        centerY: b.centerX * sin(theta) + b.centerY * cos(theta),
                        length: b.length, width: b.width, angle: b.angle + theta)
        }
        let a = OrientedBox(centerX: 0, centerY: 0, length: 100, width: 20, angle: 0.2)
        let b = OrientedBox(centerX: 70, centerY: 45, length: 60, width: 12, angle: -0.4)
        #expect(abs(OrientedBox.gap(a, b) - OrientedBox.gap(rot(a), rot(b))) < 1e-6)
    }

    @Test func axisDifferenceFoldsToNinety() {
        #expect(abs(OrientedBox.axisDifferenceDegrees(0.1, 0.1 + .pi) ) < 1e-9)
        #expect(abs(OrientedBox.axisDifferenceDegrees(-1.5, 1.5) - (Double.pi - 3) * 180 / .pi) < 1e-9)
        #expect(abs(OrientedBox.axisDifferenceDegrees(0, .pi / 2) - 90) < 1e-9)
    }

    @Test func scalingPixelsToMetres() {
        let b = OrientedBox(centerX: 10, centerY: 20, length: 10, width: 2, angle: 0.5)
        let m = b.scaled(x: 10, y: 10)
        #expect(abs(m.length - 100) < 1e-9 && abs(m.width - 20) < 1e-9 && abs(m.angle - 0.5) < 1e-12)
        #expect(m.centerX == 100 && m.centerY == 200)
    }

    @Test func coverage() {
        let a = OrientedBox(centerX: 0, centerY: 0, length: 10, width: 4, angle: 0)
        #expect(a.coverage(by: a) == 1)
        let half = OrientedBox(centerX: 5, centerY: 0, length: 10, width: 4, angle: 0)
        #expect(a.coverage(by: half) == 0.5)
        let far = OrientedBox(centerX: 50, centerY: 0, length: 10, width: 4, angle: 0)
        #expect(a.coverage(by: far) == 0)
    }
}
