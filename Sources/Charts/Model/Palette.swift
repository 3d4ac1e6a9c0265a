/// The Okabe–Ito palette: eight colours that stay distinct for the common forms of colour blindness.
///
/// Okabe, M. and Ito, K., *Color Universal Design* (2002). The order of ``series`` puts the pairs
/// that are easiest to tell apart first (blue, vermillion).
public enum Palette {
    public static let black = Color(rgb: 0x000000)
    public static let orange = Color(rgb: 0xE69F00)
    public static let skyBlue = Color(rgb: 0x56B4E9)
    public static let bluishGreen = Color(rgb: 0x009E73)
    public static let yellow = Color(rgb: 0xF0E442)
    public static let blue = Color(rgb: 0x0072B2)
    public static let vermillion = Color(rgb: 0xD55E00)
    public static let reddishPurple = Color(rgb: 0xCC79A7)

    /// Colours for successive series.
    public static let series: [Color] = [blue, vermillion, bluishGreen, reddishPurple, orange, skyBlue, black]
}
