//! Sorting with one copy of the sort's code. `slice::sort_by` is generic over the element
//! and the comparison, so every call site compiles a stable sort of its own (about 4 KB of
//! wasm each, fourteen of them in the app's first download). These sort positions with the
//! comparison behind a reference, so the sort is compiled once, then move the elements into
//! that order. Stable, like `slice::sort_by`: equal elements keep their order.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = positions(v.len(), &|a, b| cmp(&v[a], &v[b]));
    arrange(v, order);
}

/// Sorts `v` stably by the key `key` gives each element.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The positions `0..n` in the order `cmp` puts them, ties in their first order.
#[inline(never)]
fn positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Moves the elements so that `v[i]` is what `v[order[i]]` was: each cycle of the
/// permutation is followed once, with swaps, so any `T` moves in linear time.
fn arrange<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at];
            if from == DONE {
                break;
            }
            order[at] = DONE;
            if from == start {
                break;
            }
            // `v[at]` takes its element; what was at `at` (the cycle's first element)
            // travels on to the cycle's last position.
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, ties included.
        #[test]
        fn sorts_as_the_standard_library_does(v in prop::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            let mut ours = v.clone();
            sort_by_key(&mut ours, |(k, _)| *k);
            let mut std = v.clone();
            std.sort_by_key(|(k, _)| *k);
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn moves_elements_that_cannot_be_copied() {
        let mut v: Vec<String> = ["c", "a", "d", "b", "a"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort(&mut v);
        assert_eq!(v, ["a", "a", "b", "c", "d"]);
        sort_by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v, ["d", "c", "b", "a", "a"]);
    }
}
