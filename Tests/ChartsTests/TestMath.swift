import Foundation

/// 10 to the power `exponent`.
func pow10(_ exponent: Double) -> Double { pow(10, exponent) }

/// Base-10 logarithm.
func log10Of(_ value: Double) -> Double { log10(value) }
