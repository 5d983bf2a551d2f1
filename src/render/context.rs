//! What a page template sees, and a hash of it. A page is a function of its template (with
//! what the template draws on) and its context, so when both are as they were for the page
//! already in the output, the page is as it was: a rebuild checks the hash and skips
//! rendering it. The same insertions either fill a Tera context (to render) or only feed
//! the hash (to check).

use super::digest::hash_into;
use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

pub struct PageContext {
    /// `None` while only checking.
    tera: Option<tera::Context>,
    /// `None` when nobody needs the hash (in-memory builds).
    hash: Option<Xxh3>,
    /// A value could not be hashed: the page counts as changed.
    unhashable: bool,
}

impl PageContext {
    /// A context to render from, hashed too when `seed` (which congkhai runs) is given.
    pub fn render(seed: Option<u128>) -> PageContext {
        PageContext {
            tera: Some(tera::Context::new()),
            hash: seed.map(seeded),
            unhashable: false,
        }
    }

    /// Only the hash: nothing is kept to render from.
    pub fn check(seed: u128) -> PageContext {
        PageContext {
            tera: None,
            hash: Some(seeded(seed)),
            unhashable: false,
        }
    }

    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        if let Some(hash) = &mut self.hash {
            hash.update(&(key.len() as u64).to_le_bytes());
            hash.update(key.as_bytes());
            self.unhashable |= hash_into(hash, value).is_err();
        }
        if let Some(tera) = &mut self.tera {
            tera.insert(key, value);
        }
    }

    /// The hash of everything inserted, and of the template's digest (see
    /// [`crate::theme::Theme::template_digest`]).
    pub fn digest(&self, template: u128) -> Option<u128> {
        if self.unhashable {
            return None;
        }
        self.hash.as_ref().map(|h| {
            let mut h = h.clone();
            h.update(&template.to_le_bytes());
            h.digest128()
        })
    }

    /// The Tera context, unless only checking.
    pub fn tera(&self) -> Option<&tera::Context> {
        self.tera.as_ref()
    }
}

fn seeded(seed: u128) -> Xxh3 {
    let mut hash = Xxh3::new();
    hash.update(&seed.to_le_bytes());
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_follows_the_data_and_the_template() {
        let digest = |value: &str, template: u128, seed: u128| {
            let mut c = PageContext::check(seed);
            c.insert("name", value);
            c.digest(template).unwrap()
        };
        let base = digest("Khai sinh", 10, 1);
        assert_eq!(base, digest("Khai sinh", 10, 1));
        assert_ne!(base, digest("Khai tử", 10, 1));
        assert_ne!(base, digest("Khai sinh", 11, 1));
        assert_ne!(base, digest("Khai sinh", 10, 2));
        // Rendering and checking hash alike.
        let mut r = PageContext::render(Some(1));
        r.insert("name", "Khai sinh");
        assert_eq!(r.digest(10), Some(base));
        assert!(r.tera().is_some() && PageContext::check(1).tera().is_none());
    }
}
