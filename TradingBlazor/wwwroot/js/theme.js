// Saves the light/dark choice for a year, so the server renders the next visit in it from the first paint.
export function save(name, value) {
    document.cookie = `${name}=${value}; path=/; max-age=31536000; samesite=lax`;
}
