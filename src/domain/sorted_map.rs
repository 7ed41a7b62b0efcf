//! A small map kept as a list sorted by key.
//!
//! The saved state holds two maps of a few dozen entries at most (answers by question,
//! edited templates). `BTreeMap` cost about 8 KB of wasm for each key and value type it
//! was used with; this list costs a fraction of that, and at this size a binary search
//! is as quick. It is saved exactly as `BTreeMap` was, as a JSON object in key order,
//! so saved data, exports and share links read the same either way.

use std::borrow::Borrow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortedMap<K, V> {
    /// Sorted by key, each key once.
    entries: Vec<(K, V)>,
}

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap {
            entries: Vec::new(),
        }
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    fn find<Q>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.entries
            .binary_search_by(|(probe, _)| probe.borrow().cmp(key))
    }

    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.find(key).ok().map(|at| &self.entries[at].1)
    }

    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.find(key).is_ok()
    }

    /// Sets the value of `key`, returning the one it replaces.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(at) => Some(std::mem::replace(&mut self.entries[at].1, value)),
            Err(at) => {
                self.entries.insert(at, (key, value));
                None
            }
        }
    }

    pub fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.find(key).ok().map(|at| self.entries.remove(at).1)
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&K, &V) -> bool) {
        self.entries.retain(|(key, value)| keep(key, value));
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// In key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.entries.iter().map(|(key, value)| (key, value))
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.entries.iter().map(|(key, _)| key)
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    /// A later value for the same key wins, as it does in `BTreeMap`.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(items: I) -> Self {
        let mut map = SortedMap::default();
        for (key, value) in items {
            map.insert(key, value);
        }
        map
    }
}

impl<K: Serialize, V: Serialize> Serialize for SortedMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.entries.iter().map(|(key, value)| (key, value)))
    }
}

impl<'de, K, V> Deserialize<'de> for SortedMap<K, V>
where
    K: Ord + Deserialize<'de>,
    V: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

struct MapVisitor<K, V>(PhantomData<(K, V)>);

impl<'de, K, V> Visitor<'de> for MapVisitor<K, V>
where
    K: Ord + Deserialize<'de>,
    V: Deserialize<'de>,
{
    type Value = SortedMap<K, V>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut map = SortedMap::default();
        while let Some((key, value)) = access.next_entry()? {
            map.insert(key, value);
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::SortedMap;

    proptest! {
        /// Any run of inserts and removes leaves the same entries, in the same order,
        /// as `BTreeMap`, and both save to the same JSON.
        #[test]
        fn behaves_and_saves_like_a_btree_map(
            steps in prop::collection::vec((any::<bool>(), 0u8..12, any::<u16>()), 0..60)
        ) {
            let mut ours = SortedMap::default();
            let mut theirs = BTreeMap::new();
            for (add, key, value) in steps {
                let key = format!("k{key}");
                if add {
                    prop_assert_eq!(ours.insert(key.clone(), value), theirs.insert(key, value));
                } else {
                    prop_assert_eq!(ours.remove(&key), theirs.remove(&key));
                }
                prop_assert_eq!(ours.len(), theirs.len());
            }
            let listed: Vec<_> = ours.iter().collect();
            prop_assert_eq!(listed, theirs.iter().collect::<Vec<_>>());
            let saved = serde_json::to_string(&ours).expect("saves");
            prop_assert_eq!(&saved, &serde_json::to_string(&theirs).expect("saves"));
            let read: SortedMap<String, u16> = serde_json::from_str(&saved).expect("reads back");
            prop_assert_eq!(read, ours);
        }
    }

    #[test]
    fn reads_keys_in_any_order_and_the_last_duplicate_wins() {
        let read: SortedMap<String, u8> =
            serde_json::from_str(r#"{"b": 1, "a": 2, "b": 3}"#).expect("a JSON object");
        assert_eq!(
            read.iter().collect::<Vec<_>>(),
            [(&"a".into(), &2), (&"b".into(), &3)]
        );
        assert!(serde_json::from_str::<SortedMap<String, u8>>("[1, 2]").is_err());
    }

    #[test]
    fn retain_and_lookups() {
        let mut map: SortedMap<u8, &str> = [(3, "c"), (1, "a"), (2, "b")].into_iter().collect();
        assert_eq!(map.get(&2), Some(&"b"));
        assert!(map.contains_key(&3) && !map.contains_key(&4));
        map.retain(|key, _| key % 2 == 1);
        assert_eq!(map.keys().copied().collect::<Vec<_>>(), [1, 3]);
        assert!(!map.is_empty());
    }
}
