//! A calendar day, counted as whole days since 1970-01-01.
//!
//! The domain never reads a clock: callers pass "today" in, which keeps every rule
//! reproducible in tests and lets the browser decide what "today" means locally.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Days since the Unix epoch (1970-01-01 is `Day(0)`).
///
/// Serialised as an ISO date string ("2024-03-09") so saved and exported files stay
/// readable by people, not only by this program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

/// Why a text could not be read as a `YYYY-MM-DD` date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DayParseError {
    /// Not shaped like `YYYY-MM-DD`.
    Format(String),
    /// Shaped right, but no such day exists (for example 2023-02-29).
    NoSuchDay(String),
}

impl fmt::Display for DayParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DayParseError::Format(text) => {
                write!(f, "\"{text}\" is not a date in the form YYYY-MM-DD")
            }
            DayParseError::NoSuchDay(text) => write!(f, "\"{text}\" is not a real calendar day"),
        }
    }
}

impl std::error::Error for DayParseError {}

fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month, or 0 for a month outside 1..=12.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(i64::from(year)) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's `days_from_civil`: years are shifted to start in March so the leap
// day falls at the end, which makes the day-of-year a simple linear formula.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl Day {
    /// 1970-01-01.
    pub const EPOCH: Day = Day(0);

    /// The day with this many days since 1970-01-01 (negative for earlier days).
    pub const fn from_epoch_days(days: i32) -> Day {
        Day(days)
    }

    /// Days since 1970-01-01.
    pub const fn epoch_days(self) -> i32 {
        self.0
    }

    /// The day for a civil date, or `None` if the date does not exist or is out of range.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        i32::try_from(days_from_civil(i64::from(year), month, day))
            .ok()
            .map(Day)
    }

    /// The civil date as (year, month 1..=12, day 1..=31).
    pub fn to_ymd(self) -> (i32, u32, u32) {
        let (year, month, day) = civil_from_days(i64::from(self.0));
        // Every i32 day count lies within about ±5.9 million years, so the year fits.
        (year as i32, month, day)
    }

    /// Whole days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Day) -> i32 {
        later.0.saturating_sub(self.0)
    }

    /// The day `days` after this one (before it, if negative); saturates at the ends.
    pub fn plus_days(self, days: i32) -> Day {
        Day(self.0.saturating_add(days))
    }

    /// Reads an ISO `YYYY-MM-DD` date (a leading `-` and more than four year digits are
    /// accepted so that every `Day` survives a round trip through text).
    pub fn parse_iso(text: &str) -> Result<Day, DayParseError> {
        let format_error = || DayParseError::Format(text.to_string());
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let mut parts = rest.split('-');
        let (Some(year_text), Some(month_text), Some(day_text), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(format_error());
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if year_text.len() < 4
            || month_text.len() != 2
            || day_text.len() != 2
            || !all_digits(year_text)
            || !all_digits(month_text)
            || !all_digits(day_text)
        {
            return Err(format_error());
        }
        let year: i32 = year_text.parse().map_err(|_| format_error())?;
        let year = if negative { -year } else { year };
        let month: u32 = month_text.parse().map_err(|_| format_error())?;
        let day: u32 = day_text.parse().map_err(|_| format_error())?;
        Day::from_ymd(year, month, day).ok_or_else(|| DayParseError::NoSuchDay(text.to_string()))
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.to_ymd();
        if year < 0 {
            write!(f, "-{:04}-{month:02}-{day:02}", year.unsigned_abs())
        } else {
            write!(f, "{year:04}-{month:02}-{day:02}")
        }
    }
}

impl FromStr for Day {
    type Err = DayParseError;

    fn from_str(text: &str) -> Result<Day, DayParseError> {
        Day::parse_iso(text)
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Day, D::Error> {
        let text = String::deserialize(deserializer)?;
        Day::parse_iso(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_is_1970_01_01() {
        assert_eq!(Day::from_ymd(1970, 1, 1), Some(Day(0)));
        assert_eq!(Day(0).to_ymd(), (1970, 1, 1));
        assert_eq!(Day(0).to_string(), "1970-01-01");
    }

    #[test]
    fn known_dates_convert_both_ways() {
        let cases = [
            (2000, 3, 1, 11_017),
            (2024, 2, 29, 19_782),
            (1969, 12, 31, -1),
            (2038, 1, 19, 24_855),
            (1900, 3, 1, -25_508),
        ];
        for (y, m, d, n) in cases {
            assert_eq!(Day::from_ymd(y, m, d), Some(Day(n)), "{y}-{m}-{d}");
            assert_eq!(Day(n).to_ymd(), (y, m, d), "day {n}");
        }
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert_eq!(Day::from_ymd(2023, 2, 29), None);
        assert_eq!(Day::from_ymd(1900, 2, 29), None);
        assert_eq!(Day::from_ymd(2024, 13, 1), None);
        assert_eq!(Day::from_ymd(2024, 4, 31), None);
        assert_eq!(Day::from_ymd(2024, 1, 0), None);
        assert!(Day::from_ymd(2000, 2, 29).is_some());
    }

    #[test]
    fn iso_text_parses_and_prints() {
        let day: Day = "2024-03-09".parse().unwrap();
        assert_eq!(day.to_ymd(), (2024, 3, 9));
        assert_eq!(day.to_string(), "2024-03-09");
        assert_eq!(Day::from_ymd(5, 1, 2).unwrap().to_string(), "0005-01-02");
    }

    #[test]
    fn malformed_iso_text_is_a_typed_error() {
        for bad in [
            "",
            "2024-3-09",
            "2024/03/09",
            "24-03-09",
            "2024-03-09x",
            "abcd-ef-gh",
            "2024-03",
        ] {
            assert!(
                matches!(Day::parse_iso(bad), Err(DayParseError::Format(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            Day::parse_iso("2023-02-29"),
            Err(DayParseError::NoSuchDay(_))
        ));
    }

    #[test]
    fn day_arithmetic_counts_whole_days() {
        let a = Day::from_ymd(2024, 1, 1).unwrap();
        let b = Day::from_ymd(2024, 3, 1).unwrap();
        assert_eq!(a.days_until(b), 60);
        assert_eq!(b.days_until(a), -60);
        assert_eq!(a.plus_days(60), b);
    }

    #[test]
    fn serde_uses_iso_text() {
        let day = Day::from_ymd(2024, 12, 25).unwrap();
        assert_eq!(serde_json::to_string(&day).unwrap(), "\"2024-12-25\"");
        assert_eq!(serde_json::from_str::<Day>("\"2024-12-25\"").unwrap(), day);
        assert!(serde_json::from_str::<Day>("\"Christmas\"").is_err());
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn every_day_survives_ymd_and_text_round_trips(n in any::<i32>()) {
                let day = Day(n);
                let (y, m, d) = day.to_ymd();
                prop_assert_eq!(Day::from_ymd(y, m, d), Some(day));
                prop_assert_eq!(Day::parse_iso(&day.to_string()), Ok(day));
            }

            #[test]
            fn consecutive_days_are_consecutive_dates(n in -1_000_000i32..1_000_000) {
                let (y, m, d) = Day(n).to_ymd();
                let (y2, m2, d2) = Day(n + 1).to_ymd();
                if d < days_in_month(y, m) {
                    prop_assert_eq!((y2, m2, d2), (y, m, d + 1));
                } else if m < 12 {
                    prop_assert_eq!((y2, m2, d2), (y, m + 1, 1));
                } else {
                    prop_assert_eq!((y2, m2, d2), (y + 1, 1, 1));
                }
            }
        }
    }
}
