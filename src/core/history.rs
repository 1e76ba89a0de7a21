//! The undo and redo history: a stack of change groups that is shared, not copied, when
//! a state is cloned. Replay keeps copies of the state along a long log (checkpoints);
//! with a plain `Vec` each copy would carry the whole history again.

use std::fmt;
use std::sync::Arc;

use super::event::Change;

struct Node {
    changes: Vec<Change>,
    below: Option<Arc<Node>>,
}

/// How many changes back undo always reaches. The stack keeps between `DEPTH` and
/// `2 * DEPTH` groups: when it reaches twice the depth, the oldest half is let go. This
/// depends only on the log, so reopening and replay keep exactly the same history, and a
/// session of 100,000 changes does not hold 100,000 inverses in memory.
pub const DEPTH: usize = 1_000;

/// A persistent stack of change groups, newest on top. Cloning is O(1).
#[derive(Clone, Default)]
pub struct History {
    top: Option<Arc<Node>>,
    len: usize,
    /// Groups at the bottom that were never built, because no undo reaches them
    /// ([`History::push_blank`]); `len` counts them.
    blank: usize,
}

impl History {
    /// The newest group.
    pub fn last(&self) -> Option<&Vec<Change>> {
        self.top.as_ref().map(|n| &n.changes)
    }

    /// Puts a group on top.
    pub fn push(&mut self, changes: Vec<Change>) {
        if self.len >= 2 * DEPTH {
            self.keep_newest(DEPTH - 1);
        }
        let below = self.top.take();
        self.top = Some(Arc::new(Node { changes, below }));
        self.len += 1;
    }

    /// Puts a group on top that no undo will ever reach (a fold knows this, see
    /// [`super::fold::reached`]): only its place is kept. Nothing below it is reached either (undo would
    /// have to take it off first), so what is below is let go of now; the stack keeps the
    /// same length, and so lets go of the oldest at the same moments as [`History::push`].
    pub fn push_blank(&mut self) {
        if self.len >= 2 * DEPTH {
            self.keep_newest(DEPTH - 1);
        }
        let below = History {
            top: self.top.take(),
            len: 0,
            blank: 0,
        };
        drop(below);
        self.len += 1;
        self.blank = self.len;
    }

    /// Keeps only the newest `n` groups. Called once every `DEPTH` pushes: amortized O(1)
    /// per push. A chain held by this stack alone is cut where it ends (opening a long
    /// log does this every 1,000 changes: no group is copied); one shared with a clone (a
    /// replay checkpoint) is rebuilt, so the clone keeps its own.
    fn keep_newest(&mut self, n: usize) {
        let built = self.len - self.blank;
        if built < n {
            // Only blanks go.
            self.blank = n - built;
            self.len = n;
            return;
        }
        self.blank = 0;
        self.len = built;
        if n > 0 && self.cut_below(n) {
            return;
        }
        let newest: Vec<Vec<Change>> = self
            .iter()
            .take(n)
            .map(|node| node.changes.clone())
            .collect();
        let mut rebuilt = History::default();
        for changes in newest.into_iter().rev() {
            let below = rebuilt.top.take();
            rebuilt.top = Some(Arc::new(Node { changes, below }));
            rebuilt.len += 1;
        }
        *self = rebuilt;
    }

    /// Cuts the chain below its `n`-th node when every node down to it is this stack's
    /// alone; false (and nothing changed) when one is shared.
    fn cut_below(&mut self, n: usize) -> bool {
        // Look first: a shared node on the way means nothing may be changed.
        let alone = self
            .iter_arcs()
            .take(n)
            .all(|node| Arc::strong_count(node) == 1 && Arc::weak_count(node) == 0);
        if !alone {
            return false;
        }
        let mut at = self.top.as_mut();
        for _ in 1..n {
            at = at
                .and_then(Arc::get_mut)
                .and_then(|node| node.below.as_mut());
        }
        let Some(node) = at.and_then(Arc::get_mut) else {
            return false;
        };
        let rest = History {
            top: node.below.take(),
            len: 0,
            blank: 0,
        };
        // Dropped as a stack: node by node, not by recursion.
        drop(rest);
        self.len = self.len.min(n);
        true
    }

    fn iter_arcs(&self) -> impl Iterator<Item = &Arc<Node>> {
        std::iter::successors(self.top.as_ref(), |n| n.below.as_ref())
    }

    /// Takes the newest group off; false when there was none.
    pub fn pop(&mut self) -> bool {
        match self.top.take() {
            Some(node) => {
                self.top = node.below.clone();
                self.len -= 1;
                true
            }
            None if self.blank > 0 => {
                self.blank -= 1;
                self.len -= 1;
                true
            }
            None => false,
        }
    }

    /// Empties the stack.
    pub fn clear(&mut self) {
        *self = History::default();
    }

    /// Whether the stack is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.len
    }

    fn iter(&self) -> impl Iterator<Item = &Node> {
        std::iter::successors(self.top.as_deref(), |n| n.below.as_deref())
    }
}

impl PartialEq for History {
    fn eq(&self, other: &History) -> bool {
        if self.len != other.len || self.blank != other.blank {
            return false;
        }
        let mut a = self.top.as_ref();
        let mut b = other.top.as_ref();
        loop {
            match (a, b) {
                (None, None) => return true,
                // The same shared tail: equal from here down.
                (Some(x), Some(y)) if Arc::ptr_eq(x, y) => return true,
                (Some(x), Some(y)) if x.changes == y.changes => {
                    a = x.below.as_ref();
                    b = y.below.as_ref();
                }
                _ => return false,
            }
        }
    }
}

impl fmt::Debug for History {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.iter().map(|n| &n.changes))
            .finish()
    }
}

impl Drop for History {
    /// Unlinks the nodes this stack holds alone one by one: dropping a long chain
    /// recursively would overflow the stack.
    fn drop(&mut self) {
        let mut next = self.top.take();
        while let Some(node) = next {
            match Arc::try_unwrap(node) {
                Ok(mut alone) => next = alone.below.take(),
                Err(_) => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(n: u32) -> Vec<Change> {
        vec![Change::ParticipantRemoved { id: n }]
    }

    #[test]
    fn a_clone_shares_and_then_goes_its_own_way() {
        let mut a = History::default();
        a.push(group(1));
        a.push(group(2));
        let mut b = a.clone();
        assert_eq!(a, b);
        assert!(b.pop());
        b.push(group(3));
        assert_eq!(a.last(), Some(&group(2)));
        assert_eq!(b.last(), Some(&group(3)));
        assert_ne!(a, b);
        assert_eq!((a.len(), b.len()), (2, 2));
        b.clear();
        assert!(b.is_empty() && !b.pop());
    }

    #[test]
    fn undo_reaches_at_least_depth_changes_back_and_memory_stays_bounded() {
        let mut h = History::default();
        for i in 0..(5 * DEPTH as u32 + 7) {
            h.push(group(i));
            assert!(h.len() <= 2 * DEPTH);
        }
        assert!(h.len() >= DEPTH);
        // The newest DEPTH groups are all there, newest first.
        for i in (0..(5 * DEPTH as u32 + 7)).rev().take(DEPTH) {
            assert_eq!(h.last(), Some(&group(i)));
            assert!(h.pop());
        }
    }

    #[test]
    fn letting_go_of_the_oldest_leaves_a_clone_its_own_and_both_the_same_newest() {
        let mut alone = History::default();
        let mut shared = History::default();
        let mut checkpoint = None;
        for i in 0..(2 * DEPTH as u32 + 3) {
            alone.push(group(i));
            shared.push(group(i));
            if i == 1500 {
                checkpoint = Some(shared.clone());
            }
        }
        // Cut in place and rebuilt beside a clone: the same history either way.
        assert_eq!(alone, shared);
        assert_eq!(alone.len(), DEPTH + 2);
        let checkpoint = checkpoint.unwrap();
        assert_eq!(checkpoint.len(), 1501);
        assert_eq!(checkpoint.last(), Some(&group(1500)));
        assert_eq!(checkpoint.iter().count(), 1501);
    }

    #[test]
    fn a_long_history_drops_without_overflowing() {
        let mut h = History::default();
        for i in 0..300_000 {
            h.push(group(i));
        }
        let copy = h.clone();
        drop(h);
        assert!(copy.len() >= DEPTH && copy.len() <= 2 * DEPTH);
    }
}
